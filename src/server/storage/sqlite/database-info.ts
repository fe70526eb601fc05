import { statSync } from 'node:fs';
import type { SqliteDatabase } from './database.js';

/** Facts about the database itself, for metrics and for noticing other processes' writes. */
export interface DatabaseInfo {
  /** Size on disk, the write-ahead log included. */
  fileBytes(): number;
  /**
   * Changes whenever another process (the admin CLI) committed to the database since the last call, and only
   * then: SQLite's `data_version` ignores this connection's own writes.
   */
  externalChangeCounter(): number;
}

function size(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export function createSqliteDatabaseInfo(db: SqliteDatabase): DatabaseInfo {
  return {
    fileBytes: () => (db.memory ? 0 : size(db.name) + size(`${db.name}-wal`)),
    externalChangeCounter: () => db.pragma('data_version', { simple: true }) as number,
  };
}
