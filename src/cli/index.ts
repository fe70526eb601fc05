import { readFileSync } from 'node:fs';
import { ConfigError, parseFlags, resolveDataDir } from '../server/config/index.js';
import { AppError } from '../server/lib/app-error.js';
import { MigrationError } from '../server/storage/sqlite/migrate.js';
import { helpText } from './help.js';
import { resetPassword, UsageError } from './reset-password.js';
import { serve } from './serve.js';

// Exit codes: 0 done, 1 failed while running, 2 the command line or configuration is wrong.
async function main(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, ['expires']);
  const command = flags.positionals[0] ?? 'serve';
  if (flags.help || command === 'help') {
    process.stdout.write(helpText());
    return 0;
  }
  if (flags.version) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`minimost ${pkg.version}\n`);
    return 0;
  }
  const dataDir = resolveDataDir(flags.dataDir, process.env);
  switch (command) {
    case 'serve':
      if (flags.positionals.length > 1) throw new UsageError(`unexpected argument "${flags.positionals[1]}"`);
      await serve(flags, dataDir);
      return -1; // keeps running until a signal
    case 'reset-password':
      await resetPassword(flags, dataDir);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}" (see minimost --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof UsageError) {
      process.stderr.write(`minimost: ${err.message}\n`);
      process.exitCode = 2;
    } else if (err instanceof AppError || err instanceof MigrationError) {
      process.stderr.write(`minimost: ${err.message}\n`);
      process.exitCode = 1;
    } else {
      const e = err as NodeJS.ErrnoException;
      const hint = e.code === 'EADDRINUSE' ? ' (another program uses that port; pick one with --port)' : e.code === 'EACCES' ? ' (permission denied; ports below 1024 need privileges)' : '';
      process.stderr.write(`minimost: ${e.message}${hint}\n`);
      process.exitCode = 1;
    }
  },
);
