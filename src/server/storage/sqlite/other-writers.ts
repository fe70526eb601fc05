import type { SqliteDatabase } from './database.js';

/**
 * Whether another process (the admin CLI, say) committed to the database since the previous call, for what is kept
 * in memory between requests: SQLite's `data_version` moves for other connections' commits only, one cheap read.
 * Each keeper takes its own.
 */
export function otherProcessesWrote(db: SqliteDatabase): () => boolean {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  let seen = dataVersion.get() as number;
  return () => {
    const now = dataVersion.get() as number;
    if (now === seen) return false;
    seen = now;
    return true;
  };
}
