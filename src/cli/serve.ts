import { loadConfig, type ParsedFlags } from '../server/config/index.js';
import type { Command } from './command.js';
import { UsageError } from './usage-error.js';

export async function serve(flags: ParsedFlags, dataDir: string): Promise<void> {
  // Loaded only here: the server (Fastify, TLS) is most of the program, and the admin commands need none of it.
  const { runServer } = await import('../server/main.js');
  const config = loadConfig({ dataDir, flags: flags.settings, env: process.env, createFiles: true });
  await runServer(config, { flags: flags.settings });
}

export const serveCommand: Command = {
  name: 'serve',
  usage: ['serve'],
  summary: 'start MiniMost (the default when no command is given)',
  details: [],
  options: [],
  async run(flags, dataDir) {
    if (flags.positionals.length > 1) throw new UsageError(`unexpected argument "${flags.positionals[1]}"`);
    await serve(flags, dataDir);
    return -1; // keeps running until a signal
  },
};
