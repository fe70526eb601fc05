import Database from 'better-sqlite3';
import { chmodSync, existsSync } from 'node:fs';
import { applyMigrations, MigrationError } from './migrate.js';

export type SqliteDatabase = Database.Database;

/** The database's file name inside the data folder. */
export const DATABASE_FILE = 'minimost.db';

/** What the WAL file is cut back to when it restarts after a checkpoint. */
export const WAL_SIZE_LIMIT = 8 * 1024 * 1024;

export interface OpenOptions {
  /** `FULL` by default: a message is acknowledged only after its commit reached the disk. */
  synchronous?: 'FULL' | 'NORMAL' | 'OFF';
  readonly?: boolean;
}

/** A database that cannot be opened, said so that the admin knows what to fix (the CLI prints it as one line). */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

function explainOpenFailure(file: string, err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (err instanceof MigrationError || typeof code !== 'string') return err;
  const reason = (err as Error).message;
  if (code === 'SQLITE_NOTADB') return new DatabaseOpenError(`${file} is not a SQLite database; point --data-dir at a MiniMost data folder or restore a backup`);
  if (code.startsWith('SQLITE_CORRUPT')) return new DatabaseOpenError(`${file} is damaged (${reason}); restore a backup`);
  if (/^SQLITE_(CANTOPEN|READONLY|IOERR|FULL|PERM)/.test(code)) {
    return new DatabaseOpenError(`cannot open ${file} for writing (${reason}): the data folder must be writable by this user, on a disk that is neither full nor read-only`);
  }
  return err;
}

/** Opens (creating if needed) the database, applies pending migrations and returns the handle. */
export function openDatabase(file: string, options: OpenOptions = {}): SqliteDatabase {
  const isNew = file !== ':memory:' && !existsSync(file);
  let db: SqliteDatabase | null = null;
  try {
    db = new Database(file, { readonly: options.readonly ?? false });
    if (isNew) chmodSync(file, 0o600);
    // Commands like `minimost reset-password` write while the server runs; wait for the writer instead of failing.
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // A burst can grow the WAL well past its usual size; once checkpointed and restarted, give the disk back.
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    }
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      applyMigrations(db);
      // SQLite quietly opens a file it cannot write read-only, and nothing fails until the first write: make that
      // write now (the schema version, rewritten as it is) so a read-only folder is refused at start.
      db.pragma(`user_version = ${Number(db.pragma('user_version', { simple: true }))}`);
    }
    return db;
  } catch (err) {
    db?.close();
    throw explainOpenFailure(file, err);
  }
}

/** Folds the WAL back into the main file so a stopped server leaves one self-contained database file. */
export function closeDatabase(db: SqliteDatabase): void {
  if (!db.open) return;
  if (!db.readonly) db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
