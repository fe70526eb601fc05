import type { ConversationRecord } from '../conversations/conversations.store.js';

export interface ExportStore {
  /** Every conversation, hidden public channels included, by id. */
  listAllConversations(): Promise<ConversationRecord[]>;
  /** Conversations the user holds a membership in (closed DMs included), by id; access is checked per conversation. */
  listMemberConversationIds(userId: number): Promise<number[]>;
}
