import type { LinkPreview } from '../../../shared/protocol/previews.js';
import type { MessageRecord } from '../../modules/messages/messages.store.js';
import type { PreviewStore } from '../../modules/previews/previews.store.js';
import type { SqliteDatabase } from './database.js';
import { prepareMessageWriter } from './messages-store.js';
import type { WriteQueue } from './write-queue.js';

/** Expired cache rows dropped per write, so the table stays small without a job of its own. */
const PRUNE_BATCH = 50;

export function createSqlitePreviewStore(db: SqliteDatabase, queue: WriteQueue): PreviewStore {
  const writer = prepareMessageWriter(db);
  const q = {
    cached: db.prepare<[string, number], { preview: string | null }>('SELECT preview FROM preview_cache WHERE url = ? AND expires_at > ?'),
    remember: db.prepare<[string, string | null, number, number]>(
      `INSERT INTO preview_cache (url, preview, fetched_at, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (url) DO UPDATE SET preview = excluded.preview, fetched_at = excluded.fetched_at, expires_at = excluded.expires_at`,
    ),
    prune: db.prepare<[number, number]>(
      'DELETE FROM preview_cache WHERE url IN (SELECT url FROM preview_cache WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)',
    ),
    removed: db.prepare<[number], { previews_removed: number }>('SELECT previews_removed FROM messages WHERE id = ?'),
    setPreviews: db.prepare<[string | null, number, number]>('UPDATE messages SET previews = ?, updated_seq = ? WHERE id = ?'),
    markRemoved: db.prepare<[number, number]>('UPDATE messages SET previews = NULL, previews_removed = 1, updated_seq = ? WHERE id = ?'),
  };

  return {
    cachedLink: async (url, now) => {
      const row = q.cached.get(url, now);
      return row ? { preview: row.preview === null ? null : (JSON.parse(row.preview) as LinkPreview) } : null;
    },
    rememberLink: (url, preview, now, expiresAt) =>
      queue.run(() => {
        q.prune.run(now, PRUNE_BATCH);
        q.remember.run(url, preview === null ? null : JSON.stringify(preview), now, expiresAt);
      }),
    attachPreviews: (messageId, body, previews) =>
      queue.run((): MessageRecord | null => {
        const message = writer.getMessage(messageId);
        if (!message || message.deletedAt !== null || message.body !== body) return null;
        if (q.removed.get(messageId)?.previews_removed === 1) return null;
        if (JSON.stringify(message.previews) === JSON.stringify(previews)) return null;
        q.setPreviews.run(previews.length === 0 ? null : JSON.stringify(previews), writer.nextSeq(message.conversationId, null), messageId);
        return writer.getMessage(messageId);
      }),
    removePreviews: (messageId) =>
      queue.run(() => {
        const message = writer.getMessage(messageId);
        if (!message) throw new Error(`message ${messageId} does not exist`);
        q.markRemoved.run(writer.nextSeq(message.conversationId, null), messageId);
        return writer.getMessage(messageId) as MessageRecord;
      }),
    previewsRemoved: async (messageId) => q.removed.get(messageId)?.previews_removed === 1,
  };
}
