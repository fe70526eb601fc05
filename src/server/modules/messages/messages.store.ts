import type { Mentions } from '../../../shared/protocol/mentions.js';
import type { Pin } from '../../../shared/protocol/pins.js';
import type { LinkPreview } from '../../../shared/protocol/previews.js';
import type { Reaction } from '../../../shared/protocol/reactions.js';
import type { Attachment } from '../../../shared/protocol/uploads.js';

export interface ReplyRecord {
  id: number;
  seq: number;
  authorId: number | null;
  body: string | null;
  deletedAt: number | null;
}

export interface MessageRecord {
  id: number;
  conversationId: number;
  seq: number;
  updatedSeq: number;
  kind: 'user' | 'system';
  authorId: number | null;
  body: string | null;
  clientId: string | null;
  replyTo: ReplyRecord | null;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  reactions: Reaction[];
  mentions: Mentions;
  pinned: Pin | null;
  attachments: Attachment[];
  previews: LinkPreview[];
}

/**
 * The mentions a message's text makes, as the message service resolved them: the copy shown with the message, and
 * the members who get a row in the Mentions view (named, active for `@here`, or everyone for `@everyone`).
 */
export interface MentionWrite {
  mentions: Mentions;
  notifiedIds: number[];
}

export interface AppendResult {
  message: MessageRecord;
  /** True when this client id was already used: the stored message is returned and nothing new was written. */
  duplicate: boolean;
  /** DM members whose closed conversation reopened with this message. */
  reopenedFor: number[];
}

export interface MessageStore {
  appendMessage(input: {
    conversationId: number;
    authorId: number | null;
    body: string;
    clientId: string | null;
    replyToId: number | null;
    now: number;
    mentions?: MentionWrite;
    /** Uploads to attach in the same transaction (rolled back with AttachmentUnavailableError if one cannot be). */
    attachmentIds?: readonly string[];
  }): Promise<AppendResult>;
  findByClientId(authorId: number, clientId: string): Promise<MessageRecord | null>;
  getMessage(messageId: number): Promise<MessageRecord | null>;
  /** `mentions` replaces the message's mentions (rows and copy) in the same transaction. */
  editMessage(messageId: number, body: string, now: number, mentions?: MentionWrite): Promise<MessageRecord>;
  deleteMessage(messageId: number, now: number): Promise<MessageRecord>;
  /**
   * Deletes (as `deleteMessage` does) up to `limit` of this author's messages not yet deleted, oldest first, each
   * taking its conversation's next seq. Returns how many, and the newest one deleted in each conversation.
   */
  deleteMessagesByAuthor(authorId: number, now: number, limit: number): Promise<{ deleted: number; newest: MessageRecord[] }>;
  /** Newest first below `beforeSeq` (exclusive), never at or below `minSeq`. */
  listBefore(conversationId: number, options: { beforeSeq: number | null; minSeq: number; limit: number }): Promise<MessageRecord[]>;
  /** Oldest first above `afterSeq`, never at or below `minSeq`. */
  listAfter(conversationId: number, options: { afterSeq: number; minSeq: number; limit: number }): Promise<MessageRecord[]>;
  /** Messages created or changed after `afterSeq`, ordered by the seq of their latest change. */
  listChangedSince(conversationId: number, options: { afterSeq: number; minSeq: number; limit: number }): Promise<MessageRecord[]>;
}
