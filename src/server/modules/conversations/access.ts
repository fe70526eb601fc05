import { AppError } from '../../lib/app-error.js';
import type { ConversationRecord, ConversationStore, MembershipRecord } from './conversations.store.js';

export interface Access {
  conversation: ConversationRecord;
  membership: MembershipRecord;
}

/**
 * The one gate for every read and write on a conversation. Public channels admit everyone (each user holds a
 * membership row for them); private channels and DMs only their members. Anything else, including a public
 * channel removed from settings, is "not found", so a private channel's existence never leaks.
 */
export async function accessConversation(store: ConversationStore, userId: number, conversationId: number): Promise<Access> {
  const access = await store.getMemberConversation(conversationId, userId);
  if (!access || (access.conversation.kind === 'public' && access.conversation.position === null)) {
    throw new AppError('NOT_FOUND', 'No such conversation.');
  }
  return access;
}
