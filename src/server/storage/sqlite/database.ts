import Database from 'better-sqlite3';
import { chmodSync, existsSync } from 'node:fs';
import { applyMigrations } from './migrate.js';

export type SqliteDatabase = Database.Database;

export interface OpenOptions {
  /** `FULL` by default: a message is acknowledged only after its commit reached the disk. */
  synchronous?: 'FULL' | 'NORMAL' | 'OFF';
  readonly?: boolean;
}

/** Opens (creating if needed) the database, applies pending migrations and returns the handle. */
export function openDatabase(file: string, options: OpenOptions = {}): SqliteDatabase {
  const isNew = file !== ':memory:' && !existsSync(file);
  const db = new Database(file, { readonly: options.readonly ?? false });
  if (isNew) chmodSync(file, 0o600);
  // Commands like `minimost reset-password` write while the server runs; wait for the writer instead of failing.
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  if (!options.readonly) applyMigrations(db);
  return db;
}

/** Folds the WAL back into the main file so a stopped server leaves one self-contained database file. */
export function closeDatabase(db: SqliteDatabase): void {
  if (!db.open) return;
  if (!db.readonly) db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
