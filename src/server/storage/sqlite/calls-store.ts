import type { CallStore, StoredCall } from '../../modules/calls/calls.store.js';
import type { SqliteDatabase } from './database.js';
import { prepareMessageWriter } from './messages-store.js';
import type { WriteQueue } from './write-queue.js';

/** Ended calls are only kept for a while (nothing reads them; the notice is the record); dropped a few per end. */
const KEEP_ENDED_MS = 30 * 24 * 3600_000;
const PRUNE_BATCH = 50;

interface CallRow {
  id: string;
  conversation_id: number;
  started_by: number;
  started_at: number;
  answered_at: number | null;
  last_seen_at: number;
  participants: string;
}

const toCall = (row: CallRow): StoredCall => ({
  id: row.id,
  conversationId: row.conversation_id,
  startedBy: row.started_by,
  startedAt: row.started_at,
  answeredAt: row.answered_at,
  lastSeenAt: row.last_seen_at,
  participants: JSON.parse(row.participants) as StoredCall['participants'],
});

export function createSqliteCallStore(db: SqliteDatabase, queue: WriteQueue): CallStore {
  const writer = prepareMessageWriter(db);
  const q = {
    save: db.prepare<[string, number, number, number, number | null, number, string]>(
      `INSERT INTO calls (id, conversation_id, started_by, started_at, answered_at, last_seen_at, participants)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET answered_at = excluded.answered_at, last_seen_at = max(calls.last_seen_at, excluded.last_seen_at),
         participants = excluded.participants
       WHERE calls.ended_at IS NULL`,
    ),
    heartbeat: db.prepare<[number, string]>('UPDATE calls SET last_seen_at = max(last_seen_at, ?) WHERE id = ? AND ended_at IS NULL'),
    end: db.prepare<[number, string, string]>('UPDATE calls SET ended_at = ?, participants = ? WHERE id = ? AND ended_at IS NULL'),
    unended: db.prepare<[], CallRow>('SELECT * FROM calls WHERE ended_at IS NULL ORDER BY started_at'),
    prune: db.prepare<[number, number]>('DELETE FROM calls WHERE id IN (SELECT id FROM calls WHERE ended_at < ? LIMIT ?)'),
  };
  const save = (call: StoredCall) =>
    q.save.run(call.id, call.conversationId, call.startedBy, call.startedAt, call.answeredAt, call.lastSeenAt, JSON.stringify(call.participants));

  return {
    save: (call) => queue.run(() => void save(call)),
    heartbeat: (callIds, now) =>
      queue.run(() => {
        for (const id of callIds) q.heartbeat.run(now, id);
      }),
    finish: (call, endedAt, notice) =>
      queue.run(() => {
        // A call that ended before its first write reached the queue still leaves its row.
        save(call);
        if (q.end.run(endedAt, JSON.stringify(call.participants), call.id).changes === 0) return null;
        q.prune.run(endedAt - KEEP_ENDED_MS, PRUNE_BATCH);
        return writer.append({ conversationId: call.conversationId, authorId: null, body: notice.text, clientId: null, replyToId: null, now: notice.now }).message;
      }),
    unended: async () => q.unended.all().map(toCall),
  };
}
