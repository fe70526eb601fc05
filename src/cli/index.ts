import { readFileSync } from 'node:fs';
import { ConfigError, parseFlags, resolveDataDir } from '../server/config/index.js';
import { AppError } from '../server/lib/app-error.js';
import { MigrationError } from '../server/storage/sqlite/migrate.js';
import { backupCommand } from './backup.js';
import { cleanCommand } from './clean.js';
import type { Command } from './command.js';
import { doctorCommand } from './doctor.js';
import { exportCommand } from './export.js';
import { commandHelp, helpText } from './help.js';
import { resetPasswordCommand } from './reset-password.js';
import { serveCommand } from './serve.js';
import { UsageError } from './usage-error.js';
import { usersCommand } from './users.js';

const COMMANDS: readonly Command[] = [serveCommand, resetPasswordCommand, usersCommand, backupCommand, exportCommand, cleanCommand, doctorCommand];
const byName = new Map(COMMANDS.map((c) => [c.name, c]));

// Exit codes: 0 done, 1 failed while running (or doctor found a problem), 2 the command line or configuration is wrong.
async function main(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, [...new Set(COMMANDS.flatMap((c) => c.options))]);
  const name = flags.positionals[0] ?? 'serve';
  if (name === 'help' || flags.help) {
    const about = byName.get(name === 'help' ? (flags.positionals[1] ?? 'serve') : name);
    process.stdout.write(about && about !== serveCommand ? commandHelp(about) : helpText(COMMANDS));
    return 0;
  }
  if (flags.version) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`minimost ${pkg.version}\n`);
    return 0;
  }
  const command = byName.get(name);
  if (!command) throw new UsageError(`unknown command "${name}" (see minimost --help)`);
  for (const option of flags.extra.keys()) {
    if (!command.options.includes(option)) throw new UsageError(`option --${option} does not go with "${name}" (see minimost ${name} --help)`);
  }
  return command.run(flags, resolveDataDir(flags.dataDir, process.env));
}

// `minimost export | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

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
