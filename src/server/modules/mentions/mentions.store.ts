import type { MessageRecord } from '../messages/messages.store.js';

export interface UnreadMention {
  record: MessageRecord;
  /** The reader's join point in that conversation, for presenting reply previews as they may see them. */
  historyFromSeq: number;
}

export interface MentionStore {
  /**
   * The user's unread mentions, newest first, below message id `before`: only in conversations they can still see
   * (membership, a public channel still in settings), above their read position and join point, not deleted.
   */
  listUnreadMentions(userId: number, options: { before: number | null; limit: number }): Promise<UnreadMention[]>;
  countUnreadMentions(userId: number): Promise<number>;
}
