import type { MessageRecord } from '../../modules/messages/messages.store.js';
import type { PinStore } from '../../modules/pins/pins.store.js';
import type { SqliteDatabase } from './database.js';
import { prepareMessageWriter } from './messages-store.js';
import type { WriteQueue } from './write-queue.js';

export function createSqlitePinStore(db: SqliteDatabase, queue: WriteQueue): PinStore {
  const writer = prepareMessageWriter(db);
  const q = {
    count: db.prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM messages WHERE conversation_id = ? AND pinned_at IS NOT NULL AND deleted_at IS NULL',
    ),
    set: db.prepare<[number | null, number | null, number, number]>('UPDATE messages SET pinned_by = ?, pinned_at = ?, updated_seq = ? WHERE id = ?'),
    pinned: db.prepare<[number, number], { id: number }>(
      `SELECT id FROM messages WHERE conversation_id = ? AND pinned_at IS NOT NULL AND deleted_at IS NULL AND seq > ?
       ORDER BY pinned_at DESC, updated_seq DESC`,
    ),
  };

  function existing(id: number): MessageRecord {
    const message = writer.getMessage(id);
    if (!message) throw new Error(`message ${id} does not exist`);
    return message;
  }

  return {
    pinMessage: (id, { userId, now, max }) =>
      queue.run(() => {
        const message = existing(id);
        if (message.pinned) return { record: message, changed: false };
        if ((q.count.get(message.conversationId)?.n ?? 0) >= max) return 'full' as const;
        q.set.run(userId, now, writer.nextSeq(message.conversationId, null), id);
        return { record: existing(id), changed: true };
      }),
    unpinMessage: (id) =>
      queue.run(() => {
        const message = existing(id);
        if (!message.pinned) return { record: message, changed: false };
        q.set.run(null, null, writer.nextSeq(message.conversationId, null), id);
        return { record: existing(id), changed: true };
      }),
    listPinned: async (conversationId, minSeq) => q.pinned.all(conversationId, minSeq).map((r) => existing(r.id)),
  };
}
