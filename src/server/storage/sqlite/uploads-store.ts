import type { NewUpload, StoredFileRef, UploadRecord, UploadStore } from '../../modules/uploads/uploads.store.js';
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
  };

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
  };
}
