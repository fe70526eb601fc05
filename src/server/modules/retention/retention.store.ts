// What retention needs from storage. "Bytes" of a message are its text's UTF-8 bytes plus a fixed overhead for its
// row and index entries: a measure that is cheap to sum per author and falls by exactly what a removal frees.

export interface MessageRef {
  id: number;
  createdAt: number;
  bytes: number;
}

export interface RemovalResult {
  /** Messages that were visible and are now gone from history. */
  removed: number;
  bytes: number;
  byAuthor: { authorId: number | null; messages: number; bytes: number }[];
}

export interface RetentionStore {
  /** Up to `limit` messages created before `cutoff`, oldest first, after `after` (a position from the last page). */
  listCreatedBefore(cutoff: number, after: MessageRef | null, limit: number): Promise<MessageRef[]>;
  /** Up to `limit` of one author's messages (null: system notices), oldest first, with an id above `afterId`. */
  listOldestByAuthor(authorId: number | null, afterId: number, limit: number): Promise<MessageRef[]>;
  storedBytesByAuthor(): Promise<{ authorId: number | null; bytes: number }[]>;
  /**
   * Removes these messages for good. One that a remaining reply still points at keeps a text-less placeholder row
   * (the reply shows "[deleted message]"), removed in turn once nothing points at it. Search forgets them too.
   */
  removeMessages(ids: readonly number[], now: number): Promise<RemovalResult>;
  /** Bytes in use inside the database (free pages and free space in pages excluded), and its size on disk. */
  measure(): Promise<{ usedBytes: number; fileBytes: number }>;
  lastRunAt(job: string): Promise<number | null>;
  recordRun(job: string, at: number): Promise<void>;
}
