import { statSync } from 'node:fs';
import type { MessageRef, RemovalResult, RetentionStore } from '../../modules/retention/retention.store.js';
import type { SqliteDatabase } from './database.js';
import type { WriteQueue } from './write-queue.js';

/** A message row's share of the database besides its text: the row itself and its index entries, roughly. */
export const MESSAGE_OVERHEAD_BYTES = 100;

const BYTES = `(coalesce(length(CAST(body AS BLOB)), 0) + ${MESSAGE_OVERHEAD_BYTES})`;

interface RefRow {
  id: number;
  created_at: number;
  bytes: number;
}

const toRef = (r: RefRow): MessageRef => ({ id: r.id, createdAt: r.created_at, bytes: r.bytes });

/** Size of a file, 0 when it does not exist (the WAL between runs). */
function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export function createSqliteRetentionStore(db: SqliteDatabase, queue: WriteQueue): RetentionStore {
  const q = {
    createdBefore: db.prepare<{ cutoff: number; t: number; id: number; limit: number }, RefRow>(
      `SELECT id, created_at, ${BYTES} AS bytes FROM messages
       WHERE created_at < :cutoff AND (created_at, id) > (:t, :id) ORDER BY created_at, id LIMIT :limit`,
    ),
    oldestByAuthor: db.prepare<[number | null, number, number], RefRow>(
      `SELECT id, created_at, ${BYTES} AS bytes FROM messages WHERE author_id IS ? AND id > ? ORDER BY id LIMIT ?`,
    ),
    bytesByAuthor: db.prepare<[], { author_id: number | null; bytes: number }>(
      `SELECT author_id, sum(${BYTES}) AS bytes FROM messages GROUP BY author_id`,
    ),
    row: db.prepare<[number], { author_id: number | null; deleted_at: number | null; text_bytes: number }>(
      'SELECT author_id, deleted_at, coalesce(length(CAST(body AS BLOB)), 0) AS text_bytes FROM messages WHERE id = ?',
    ),
    referenced: db.prepare<[number], { one: number }>('SELECT 1 AS one FROM messages WHERE reply_to_id = ? LIMIT 1'),
    remove: db.prepare<[number]>('DELETE FROM messages WHERE id = ?'),
    removeReactions: db.prepare<[number]>('DELETE FROM reactions WHERE message_id = ?'),
    removeMentions: db.prepare<[number]>('DELETE FROM mentions WHERE message_id = ?'),
    placeholder: db.prepare<[number, number]>(
      `UPDATE messages SET body = NULL, deleted_at = coalesce(deleted_at, ?), reactions = NULL, mentions = NULL, previews = NULL,
         attachments = NULL, pinned_by = NULL, pinned_at = NULL WHERE id = ?`,
    ),
    used: db.prepare<[], { used: number }>('SELECT sum(pgsize) - sum(unused) AS used FROM dbstat'),
    lastRun: db.prepare<[string], { last_run_at: number }>('SELECT last_run_at FROM maintenance WHERE job = ?'),
    recordRun: db.prepare<[string, number]>(
      'INSERT INTO maintenance (job, last_run_at) VALUES (?, ?) ON CONFLICT (job) DO UPDATE SET last_run_at = excluded.last_run_at',
    ),
  };

  function removeNow(ids: readonly number[], now: number): RemovalResult {
    const byAuthor = new Map<number | null, { messages: number; bytes: number }>();
    let removed = 0;
    let bytes = 0;
    // Newest first: a reply removed in the same batch no longer keeps its parent as a placeholder.
    for (const id of [...ids].sort((a, b) => b - a)) {
      const row = q.row.get(id);
      if (!row) continue;
      let freed: number;
      q.removeReactions.run(id);
      q.removeMentions.run(id);
      if (q.referenced.get(id)) {
        if (row.text_bytes === 0 && row.deleted_at !== null) continue;
        q.placeholder.run(now, id);
        freed = row.text_bytes;
      } else {
        q.remove.run(id);
        freed = row.text_bytes + MESSAGE_OVERHEAD_BYTES;
      }
      const visible = row.deleted_at === null ? 1 : 0;
      removed += visible;
      bytes += freed;
      const entry = byAuthor.get(row.author_id) ?? { messages: 0, bytes: 0 };
      entry.messages += visible;
      entry.bytes += freed;
      byAuthor.set(row.author_id, entry);
    }
    return { removed, bytes, byAuthor: [...byAuthor].map(([authorId, e]) => ({ authorId, ...e })) };
  }

  return {
    listCreatedBefore: async (cutoff, after, limit) =>
      q.createdBefore.all({ cutoff, t: after?.createdAt ?? Number.MIN_SAFE_INTEGER, id: after?.id ?? 0, limit }).map(toRef),
    listOldestByAuthor: async (authorId, afterId, limit) => q.oldestByAuthor.all(authorId, afterId, limit).map(toRef),
    storedBytesByAuthor: async () => q.bytesByAuthor.all().map((r) => ({ authorId: r.author_id, bytes: r.bytes })),
    removeMessages: (ids, now) => queue.run(() => removeNow(ids, now)),
    measure: async () => ({
      usedBytes: q.used.get()?.used ?? 0,
      fileBytes: fileSize(db.name) + fileSize(`${db.name}-wal`),
    }),
    lastRunAt: async (job) => q.lastRun.get(job)?.last_run_at ?? null,
    recordRun: (job, at) => queue.run(() => void q.recordRun.run(job, at)),
  };
}
