import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ParsedFlags } from '../server/config/index.js';
import type { Command } from './command.js';
import { DATABASE_FILE } from '../server/storage/sqlite/database.js';
import { assertRunAsOwner, databaseFile, openReadOnly } from './data-folder.js';
import { UsageError } from './usage-error.js';

/** Files copied beside the database, when present. */
const FILES = ['settings.json', 'audit.log'];
/** Folders copied whole (but for uploads still arriving, in uploads/tmp). */
const FOLDERS = ['tls', 'avatars', 'uploads', 'previews'];
const UNFINISHED = path.join('uploads', 'tmp');
/** better-sqlite3's largest step: the whole database in one step, so a busy server cannot make the copy restart. */
const ALL_PAGES = 0x7fffffff;

function copyFolder(from: string, to: string, skip: string | null = null): number {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  chmodSync(to, 0o700);
  let count = 0;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (skip === null || source !== skip) count += copyFolder(source, target, skip);
    } else if (entry.isFile()) {
      try {
        copyFileSync(source, target);
      } catch (err) {
        // Removed by the running server since the listing (a deleted message's file): nothing to keep.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      chmodSync(target, 0o600);
      count++;
    }
  }
  return count;
}

/**
 * A consistent copy while the server runs, with SQLite's online backup API: the copy is the database as of one
 * moment (every message acknowledged before it started is in it), taken in one read transaction, which in WAL mode
 * never blocks the server's writes. The result is itself a data folder.
 */
async function backup(flags: ParsedFlags, dataDir: string): Promise<number> {
  const [, target, ...rest] = flags.positionals;
  if (!target || rest.length > 0) throw new UsageError('usage: minimost backup <folder>');
  assertRunAsOwner(dataDir);
  const source = databaseFile(dataDir);
  const folder = path.resolve(target);
  if (existsSync(folder) && (!statSync(folder).isDirectory() || readdirSync(folder).length > 0)) {
    throw new UsageError(`${folder} already exists and is not an empty folder; name a new one`);
  }
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);

  const copy = path.join(folder, DATABASE_FILE);
  const db = openReadOnly(source);
  try {
    await db.backup(copy, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  chmodSync(copy, 0o600);
  // A self-contained file (no -wal beside it), checked before we call it a backup.
  const check = new Database(copy);
  let summary: string;
  try {
    check.pragma('journal_mode = DELETE');
    const problems = (check.pragma('integrity_check') as { integrity_check: string }[]).filter((r) => r.integrity_check !== 'ok');
    if (problems.length > 0) throw new Error(`the copy failed integrity_check: ${problems[0]?.integrity_check ?? ''}`);
    const { n } = check.prepare('SELECT count(*) AS n FROM messages WHERE deleted_at IS NULL').get() as { n: number };
    summary = `database (${(statSync(copy).size / (1024 * 1024)).toFixed(1)} MB, ${n.toLocaleString('en')} messages, integrity_check ok)`;
  } finally {
    check.close();
  }

  const parts = [summary];
  for (const name of FILES) {
    const file = path.join(dataDir, name);
    if (!existsSync(file)) continue;
    copyFileSync(file, path.join(folder, name));
    chmodSync(path.join(folder, name), 0o600);
    parts.push(name);
  }
  for (const name of FOLDERS) {
    const from = path.join(dataDir, name);
    // Files are copied after the database: one removed in between (a message deleted meanwhile) is missing from the
    // copy, which shows it as unavailable (404), never the other way round.
    if (!existsSync(from)) continue;
    const count = copyFolder(from, path.join(folder, name), path.join(dataDir, UNFINISHED));
    parts.push(`${name}/ (${count} ${count === 1 ? 'file' : 'files'})`);
  }
  process.stdout.write(
    `Backed up ${dataDir} to ${folder}:\n  ${parts.join('\n  ')}\n` +
      `To restore: stop MiniMost, then start it with --data-dir ${folder} (or copy that folder's contents into the data folder).\n`,
  );
  return 0;
}

export const backupCommand: Command = {
  name: 'backup',
  usage: ['backup <folder>'],
  summary: 'copy the database (consistently, while MiniMost runs), settings.json, audit.log, tls/, avatars/, uploads/ and previews/ into a new folder',
  details: [
    'The database is copied with SQLite\'s online backup API: a consistent copy as of the moment it starts, taken',
    'without stopping or slowing the server, then checked with integrity_check. The folder must not exist or be',
    'empty; it is created private (0700). It is itself a data folder: to restore, stop MiniMost and start it with',
    '--data-dir <folder>, or copy its contents into the data folder. The copy holds private keys (tls/) and',
    'everyone\'s messages: keep it as safe as the data folder.',
  ],
  options: [],
  run: backup,
};
