import { once } from 'node:events';
import { usernameKey } from '../shared/domain/username.js';
import type { ParsedFlags } from '../server/config/index.js';
import { AppError } from '../server/lib/app-error.js';
import type { Command } from './command.js';
import { openDataFolder } from './data-folder.js';
import { UsageError } from './usage-error.js';

export const EXPORT_FORMAT = { format: 'minimost-export', version: 1 } as const;

/** Writes one line, waiting when the reader (a pipe, a file) is slower than the database. */
async function writeLine(value: unknown): Promise<void> {
  if (!process.stdout.write(`${JSON.stringify(value)}\n`)) await once(process.stdout, 'drain');
}

async function exportData(flags: ParsedFlags, dataDir: string): Promise<number> {
  if (flags.positionals.length > 1) throw new UsageError('usage: minimost export [--user <name>] > file.jsonl');
  const name = flags.extra.get('user');
  const folder = openDataFolder(flags, dataDir);
  try {
    let scope: { userId: number } | 'everything' = 'everything';
    if (name !== undefined) {
      const user = await folder.storage.auth.users.findUserByKey(usernameKey(name));
      if (!user) throw new AppError('NOT_FOUND', `No user named "${name}".`);
      scope = { userId: user.id };
      await writeLine({ type: 'export', ...EXPORT_FORMAT, exportedAt: new Date().toISOString(), scope: { userId: user.id, username: user.username } });
    } else {
      await writeLine({ type: 'export', ...EXPORT_FORMAT, exportedAt: new Date().toISOString(), scope: 'everything' });
    }
    for await (const record of folder.exports.exportFor(scope)) await writeLine(record);
    return 0;
  } finally {
    folder.close();
  }
}

export const exportCommand: Command = {
  name: 'export',
  usage: ['export [--user <name>]'],
  summary: 'write what one person may read (or everything) as JSON lines to stdout',
  details: [
    'One JSON object per line: first {"type":"export",…}, then every user {"type":"user"}, then each conversation',
    '{"type":"conversation"} followed by its messages {"type":"message"}, oldest first. A user line carries the',
    'colour and the picture ({"mediaType":"image/webp","base64":…} or null). With --user, only what that',
    'person may read in MiniMost: public channels, their private channels from when they joined, their direct',
    'messages. Deleted messages are never exported (their text is gone). Redirect it to a file:',
    '  minimost export --user alice > alice.jsonl',
  ],
  options: ['user'],
  run: exportData,
};
