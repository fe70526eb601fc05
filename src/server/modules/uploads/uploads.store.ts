import type { Attachment } from '../../../shared/protocol/uploads.js';

export interface UploadRecord {
  id: string;
  uploaderId: number;
  conversationId: number;
  /** Set once the message carrying it is sent. */
  messageId: number | null;
  /** For display only: the file on disk is named by `id`. */
  name: string;
  size: number;
  mime: string;
  kind: 'image' | 'file';
  width: number | null;
  height: number | null;
  hasThumbnail: boolean;
  textPreview: boolean;
  createdAt: number;
  /** Its file was removed by the retention policy; the message shows a placeholder. */
  removed: boolean;
}

export type NewUpload = Omit<UploadRecord, 'messageId' | 'removed'>;

/**
 * Thrown by a message append when an upload it should carry is no longer attachable (attached meanwhile by another
 * send, removed, or not the sender's): the whole append is rolled back.
 */
export class AttachmentUnavailableError extends Error {
  override name = 'AttachmentUnavailableError';
}

/** Stored per file in the uploads folder: the file itself and, for images, its thumbnail. */
export interface StoredFileRef {
  id: string;
  hasThumbnail: boolean;
}

export interface UploadStore {
  insertUpload(upload: NewUpload): Promise<void>;
  getUpload(id: string): Promise<UploadRecord | null>;
  /**
   * Forgets, in one transaction, up to `limit` uploads whose files must leave the disk: never attached and created
   * before `unattachedBefore`, or attached to a message that was deleted or no longer exists. Returns them, for
   * the caller to delete their files after the commit.
   */
  takeOrphans(unattachedBefore: number, limit: number): Promise<StoredFileRef[]>;
  /** Forgets every upload of this person (hard account deletion); their messages were deleted first. */
  takeAllOf(uploaderId: number): Promise<StoredFileRef[]>;
  /** Every file still kept, for backups and exports. */
  listKept(): Promise<UploadRecord[]>;

  // Retention (attachment_retention_days, max_uploads_mb).
  /** Up to `limit` files attached to messages, still kept, created before `cutoff`, oldest first. */
  listAttachedBefore(cutoff: number, limit: number): Promise<KeptFile[]>;
  /** Bytes of attached files still kept, per uploader. */
  keptBytesByUploader(): Promise<{ uploaderId: number; bytes: number }[]>;
  /** Up to `limit` of one uploader's attached files still kept, oldest first, after `after` (from the last page). */
  listOldestOf(uploaderId: number, after: KeptFile | null, limit: number): Promise<KeptFile[]>;
  /**
   * Marks these files removed and rewrites their messages' attachment copies to say so, in one transaction (the
   * messages keep a placeholder). Returns what was marked, for the caller to delete the files after the commit.
   */
  markRemoved(ids: readonly string[]): Promise<KeptFile[]>;
}

/** A kept file as retention weighs it. */
export interface KeptFile extends StoredFileRef {
  uploaderId: number;
  size: number;
  createdAt: number;
}

export function toAttachment(upload: UploadRecord): Attachment {
  return {
    id: upload.id,
    name: upload.name,
    size: upload.size,
    mime: upload.mime,
    kind: upload.kind,
    width: upload.width,
    height: upload.height,
    removed: upload.removed,
    textPreview: upload.textPreview,
  };
}
