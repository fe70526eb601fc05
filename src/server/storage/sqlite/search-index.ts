import type { SqliteDatabase } from './database.js';
import type { TransactionHooks } from './write-queue.js';

/**
 * Fills both search indexes (migration 003) with the people's messages a group commit inserted, at the end of that
 * commit's transaction: one statement per index for the whole batch, so FTS5 writes one index segment per batch
 * rather than one per message (migration 011 dropped the per-message trigger). Being in the same transaction, a
 * message is searchable once its send is acknowledged, and no commit holds a message without its index entries.
 * Edits and deletes are still indexed at once by their triggers.
 *
 * What to index is read back from `messages` rather than noted by the stores, so every way of inserting a message
 * inside the queue is covered, and a write rolled back (its savepoint, or the whole batch before it is replayed)
 * leaves nothing behind: the rows above the largest id at the start of the transaction (ids are AUTOINCREMENT),
 * that are people's and not deleted, with their text as it is now. A message of the batch edited within it already
 * has its entries (the edit's trigger wrote them), so rows already in an index (its `_docsize` shadow table, one row
 * per indexed rowid) are skipped: FTS5 would take a second insert of the same rowid, but count the row twice in its
 * statistics.
 */
export function createSearchIndexer(db: SqliteDatabase): TransactionHooks {
  const fill = (index: 'message_text_index' | 'message_word_index') =>
    db.prepare<{ after: number }>(
      `INSERT INTO ${index}(rowid, body)
       SELECT id, body FROM messages
       WHERE id > :after AND kind = 'user' AND body IS NOT NULL AND deleted_at IS NULL
         AND id NOT IN (SELECT id FROM ${index}_docsize WHERE id > :after)
       ORDER BY id`,
    );
  const q = {
    lastId: db.prepare<[], number | null>('SELECT max(id) FROM messages').pluck(),
    text: fill('message_text_index'),
    words: fill('message_word_index'),
  };
  let lastBefore = 0;

  return {
    begin() {
      lastBefore = q.lastId.get() ?? 0;
    },
    end() {
      if ((q.lastId.get() ?? 0) === lastBefore) return;
      q.text.run({ after: lastBefore });
      q.words.run({ after: lastBefore });
    },
  };
}
