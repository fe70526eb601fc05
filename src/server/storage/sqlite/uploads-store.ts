import type { Attachment } from '../../../shared/protocol/uploads.js';
import type { KeptFile, NewUpload, StoredFileRef, UploadRecord, UploadStore } from '../../modules/uploads/uploads.store.js';
import type { SqliteDatabase } from './database.js';
import type { WriteQueue } from './write-queue.js';

export interface UploadRow {
  id: string;
  uploader_id: number;
  conversation_id: number;
  message_id: number | null;
  name: string;
  size: number;
  mime: string;
  kind: 'image' | 'file';
  width: number | null;
  height: number | null;
  has_thumbnail: number;
  text_preview: number;
  created_at: number;
  removed: number;
}

export function toUpload(row: UploadRow): UploadRecord {
  return {
    id: row.id,
    uploaderId: row.uploader_id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    name: row.name,
    size: row.size,
    mime: row.mime,
    kind: row.kind,
    width: row.width,
    height: row.height,
    hasThumbnail: row.has_thumbnail === 1,
    textPreview: row.text_preview === 1,
    createdAt: row.created_at,
    removed: row.removed === 1,
  };
}

interface KeptRow {
  id: string;
  has_thumbnail: number;
  uploader_id: number;
  size: number;
  created_at: number;
}

const toKept = (row: KeptRow): KeptFile => ({ id: row.id, hasThumbnail: row.has_thumbnail === 1, uploaderId: row.uploader_id, size: row.size, createdAt: row.created_at });
const KEPT = 'SELECT id, has_thumbnail, uploader_id, size, created_at FROM uploads';

const toRef = (row: { id: string; has_thumbnail: number }): StoredFileRef => ({ id: row.id, hasThumbnail: row.has_thumbnail === 1 });

export function createSqliteUploadStore(db: SqliteDatabase, queue: WriteQueue): UploadStore {
  const q = {
    insert: db.prepare<[Record<string, string | number | null>]>(
      `INSERT INTO uploads (id, uploader_id, conversation_id, name, size, mime, kind, width, height, has_thumbnail, text_preview, created_at)
       VALUES (:id, :uploaderId, :conversationId, :name, :size, :mime, :kind, :width, :height, :hasThumbnail, :textPreview, :createdAt)`,
    ),
    get: db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE id = ?'),
    orphans: db.prepare<[number, number], { id: string; has_thumbnail: number }>(
      `SELECT id, has_thumbnail FROM uploads u
       WHERE (u.message_id IS NULL AND u.created_at < ?)
          OR (u.message_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = u.message_id AND m.deleted_at IS NULL))
       LIMIT ?`,
    ),
    ofUploader: db.prepare<[number], { id: string; has_thumbnail: number }>('SELECT id, has_thumbnail FROM uploads WHERE uploader_id = ?'),
    remove: db.prepare<[string]>('DELETE FROM uploads WHERE id = ?'),
    kept: db.prepare<[], UploadRow>('SELECT * FROM uploads WHERE removed = 0 ORDER BY created_at, id'),
    attachedBefore: db.prepare<[number, number], KeptRow>(
      `${KEPT} WHERE message_id IS NOT NULL AND removed = 0 AND created_at < ? ORDER BY created_at, id LIMIT ?`,
    ),
    bytesByUploader: db.prepare<[], { uploader_id: number; bytes: number }>(
      'SELECT uploader_id, sum(size) AS bytes FROM uploads WHERE message_id IS NOT NULL AND removed = 0 GROUP BY uploader_id',
    ),
    oldestOf: db.prepare<{ u: number; t: number; id: string; limit: number }, KeptRow>(
      `${KEPT} WHERE uploader_id = :u AND message_id IS NOT NULL AND removed = 0 AND (created_at, id) > (:t, :id)
       ORDER BY created_at, id LIMIT :limit`,
    ),
    markRemoved: db.prepare<[string], KeptRow & { message_id: number }>(
      `UPDATE uploads SET removed = 1 WHERE id = ? AND removed = 0 AND message_id IS NOT NULL
       RETURNING id, has_thumbnail, uploader_id, size, created_at, message_id`,
    ),
    messageAttachments: db.prepare<[number], { attachments: string | null }>('SELECT attachments FROM messages WHERE id = ?'),
    setMessageAttachments: db.prepare<[string, number]>('UPDATE messages SET attachments = ? WHERE id = ?'),
  };

  function markRemovedNow(ids: readonly string[]): KeptFile[] {
    const marked = ids.flatMap((id) => q.markRemoved.all(id));
    const byMessage = new Map<number, Set<string>>();
    for (const row of marked) byMessage.set(row.message_id, (byMessage.get(row.message_id) ?? new Set()).add(row.id));
    for (const [messageId, removed] of byMessage) {
      const json = q.messageAttachments.get(messageId)?.attachments;
      if (!json) continue;
      const attachments = (JSON.parse(json) as Attachment[]).map((a) => (removed.has(a.id) ? { ...a, removed: true, textPreview: false } : a));
      q.setMessageAttachments.run(JSON.stringify(attachments), messageId);
    }
    return marked.map(toKept);
  }

  function take(rows: { id: string; has_thumbnail: number }[]): StoredFileRef[] {
    for (const row of rows) q.remove.run(row.id);
    return rows.map(toRef);
  }

  return {
    insertUpload: (upload: NewUpload) =>
      queue.run(() => void q.insert.run({ ...upload, hasThumbnail: upload.hasThumbnail ? 1 : 0, textPreview: upload.textPreview ? 1 : 0 })),
    getUpload: async (id) => {
      const row = q.get.get(id);
      return row ? toUpload(row) : null;
    },
    takeOrphans: (before, limit) => queue.run(() => take(q.orphans.all(before, limit))),
    takeAllOf: (uploaderId) => queue.run(() => take(q.ofUploader.all(uploaderId))),
    listKept: async () => q.kept.all().map(toUpload),
    listAttachedBefore: async (cutoff, limit) => q.attachedBefore.all(cutoff, limit).map(toKept),
    keptBytesByUploader: async () => q.bytesByUploader.all().map((r) => ({ uploaderId: r.uploader_id, bytes: r.bytes })),
    listOldestOf: async (uploaderId, after, limit) =>
      q.oldestOf.all({ u: uploaderId, t: after?.createdAt ?? Number.MIN_SAFE_INTEGER, id: after?.id ?? '', limit }).map(toKept),
    markRemoved: (ids) => queue.run(() => markRemovedNow(ids)),
  };
}
