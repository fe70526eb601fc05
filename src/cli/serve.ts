import { loadConfig, type ParsedFlags } from '../server/config/index.js';
import { runServer } from '../server/main.js';

export async function serve(flags: ParsedFlags, dataDir: string): Promise<void> {
  const config = loadConfig({ dataDir, flags: flags.settings, env: process.env, createFiles: true });
  await runServer(config);
}
