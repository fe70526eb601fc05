import type { ParsedFlags } from '../server/config/index.js';
import { describeRetention } from '../server/modules/retention/retention.report.js';
import type { Command } from './command.js';
import { openDataFolder } from './data-folder.js';
import { UsageError } from './usage-error.js';

async function clean(flags: ParsedFlags, dataDir: string): Promise<number> {
  if (flags.positionals.length > 1) throw new UsageError('usage: minimost clean');
  const folder = openDataFolder(flags, dataDir);
  try {
    const report = await folder.retention.run();
    process.stdout.write(`${describeRetention(report).join('\n')}\n`);
    return 0;
  } finally {
    folder.close();
  }
}

export const cleanCommand: Command = {
  name: 'clean',
  usage: ['clean'],
  summary: 'apply the retention settings now and print what was removed',
  details: [
    'Removes messages older than message_retention_days, then, while the database holds more than',
    'max_database_mb, the oldest messages of whoever stores the most. Both are 0 (off) by default; set them in',
    'settings.json, or try them once here: minimost clean --message-retention-days 365. The server does the',
    'same once a day by itself. Safe while MiniMost runs.',
  ],
  options: [],
  run: clean,
};
