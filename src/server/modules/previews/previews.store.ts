import type { LinkPreview } from '../../../shared/protocol/previews.js';
import type { MessageRecord } from '../messages/messages.store.js';

/** What the cache knows about one link: its preview, or that the last attempt gave none. */
export interface CachedLink {
  preview: LinkPreview | null;
}

export interface PreviewStore {
  /** The cached outcome for a link, if it has not expired. */
  cachedLink(url: string, now: number): Promise<CachedLink | null>;
  /** Keeps a link's outcome (a preview, or null for none) until `expiresAt`; drops some long-expired entries. */
  rememberLink(url: string, preview: LinkPreview | null, now: number, expiresAt: number): Promise<void>;
  /**
   * Puts previews on a message, taking the conversation's next seq, unless the message was deleted, edited since
   * (its text is no longer `body`), its author removed its previews, or they are already these. Null when nothing
   * changed.
   */
  attachPreviews(messageId: number, body: string, previews: LinkPreview[]): Promise<MessageRecord | null>;
  /** The author took the previews off: they go, with a seq, and never come back for this message. */
  removePreviews(messageId: number): Promise<MessageRecord>;
  previewsRemoved(messageId: number): Promise<boolean>;
}
