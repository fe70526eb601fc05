import { once } from 'node:events';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { usernameKey } from '../shared/domain/username.js';
import type { ParsedFlags } from '../server/config/index.js';
import type { ExportRecord } from '../server/modules/export/export.service.js';
import { AppError } from '../server/lib/app-error.js';
import type { Command } from './command.js';
import { openDataFolder } from './data-folder.js';
import { UsageError } from './usage-error.js';

export const EXPORT_FORMAT = { format: 'minimost-export', version: 1 } as const;

/** Writes one line, waiting when the reader (a pipe, a file) is slower than the database. */
async function writeLine(value: unknown): Promise<void> {
  if (!process.stdout.write(`${JSON.stringify(value)}\n`)) await once(process.stdout, 'drain');
}

/** Where exported files go: a new (or empty) folder, private like the data folder. */
function filesFolder(target: string | undefined): string | null {
  if (target === undefined) return null;
  const folder = path.resolve(target);
  if (existsSync(folder) && (!statSync(folder).isDirectory() || readdirSync(folder).length > 0)) {
    throw new UsageError(`${folder} already exists and is not an empty folder; name a new one`);
  }
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  return folder;
}

/**
 * Copies a message's files as `<id>-<name>` (the name was cleaned of paths when uploaded) and returns the record
 * with each kept file's path relative to that folder. A file deleted meanwhile is left out.
 */
function withFiles(record: ExportRecord, dataDir: string, folder: string): ExportRecord {
  if (record.type !== 'message' || record.attachments.length === 0) return record;
  const attachments = record.attachments.map((a) => {
    if (a.removed) return { ...a, file: null };
    const file = `${a.id}-${a.name}`;
    try {
      copyFileSync(path.join(dataDir, 'uploads', a.id), path.join(folder, file));
      chmodSync(path.join(folder, file), 0o600);
      return { ...a, file };
    } catch {
      return { ...a, file: null };
    }
  });
  return { ...record, attachments };
}

async function exportData(flags: ParsedFlags, dataDir: string): Promise<number> {
  if (flags.positionals.length > 1) throw new UsageError('usage: minimost export [--user <name>] [--files <folder>] > file.jsonl');
  const name = flags.extra.get('user');
  const files = filesFolder(flags.extra.get('files'));
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
    for await (const record of folder.exports.exportFor(scope)) await writeLine(files ? withFiles(record, dataDir, files) : record);
    return 0;
  } finally {
    folder.close();
  }
}

export const exportCommand: Command = {
  name: 'export',
  usage: ['export [--user <name>] [--files <folder>]'],
  summary: 'write what one person may read (or everything) as JSON lines to stdout',
  details: [
    'One JSON object per line: first {"type":"export",…}, then every user {"type":"user"}, then each conversation',
    '{"type":"conversation"} followed by its messages {"type":"message"}, oldest first. A user line carries the',
    'colour and the picture ({"mediaType":"image/webp","base64":…} or null). With --user, only what that',
    'person may read in MiniMost: public channels, their private channels from when they joined, their direct',
    'messages. Deleted messages are never exported (their text is gone). Redirect it to a file:',
    '  minimost export --user alice > alice.jsonl',
    'Each message lists its attachments; with --files <folder> (new or empty) their files are copied there as',
    '<id>-<name>, and each attachment gets "file": its name in that folder (null when removed).',
  ],
  options: ['user', 'files'],
  run: exportData,
};
