import type Database from 'better-sqlite3';

/** The two search indexes (migration 003), as their tables are named. */
export const SEARCH_INDEXES = ['message_text_index', 'message_word_index'] as const;

/** The message ids an index holds: its `_docsize` shadow table has one row per indexed rowid. */
export function indexedIds(db: Database.Database, index: string): number[] {
  return db.prepare<[], number>(`SELECT id FROM ${index}_docsize ORDER BY id`).pluck().all();
}

/**
 * The entries FTS5 counts as ever written to an index: the first varint of its averages record (`_data` id 1). A
 * contentless index counts every insert and never a delete.
 */
export function ftsRowCount(db: Database.Database, index: string): number {
  const block = db.prepare<[], Buffer>(`SELECT block FROM ${index}_data WHERE id = 1`).pluck().get() as Buffer;
  let n = 0;
  for (const byte of block) {
    n = n * 128 + (byte & 0x7f);
    if (byte < 0x80) break;
  }
  return n;
}
