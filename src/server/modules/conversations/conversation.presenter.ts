import type { Conversation } from '../../../shared/protocol/conversations.js';
import type { UserConversation } from './conversations.store.js';

export function presentConversation({ conversation, membership, memberIds, unreadCount }: UserConversation): Conversation {
  return {
    id: conversation.id,
    kind: conversation.kind,
    name: conversation.name,
    memberIds,
    lastSeq: conversation.lastSeq,
    readSeq: Math.max(membership.readSeq, membership.historyFromSeq),
    historyFromSeq: membership.historyFromSeq,
    unreadCount,
    lastMessageAt: conversation.lastMessageAt,
    createdAt: conversation.createdAt,
  };
}
