// Unread counts as this tab keeps them between server copies: the server's `unreadCount` (which never counts your
// own messages) plus the messages counted live since. Pure and tested.
import type { Conversation } from '../../../shared/protocol/conversations.js';
import type { MessageEvent } from '../messages/timeline.js';

export const APP_NAME = 'MiniMost';

export function documentTitle(totalUnread: number): string {
  return totalUnread > 0 ? `(${totalUnread}) ${APP_NAME}` : APP_NAME;
}

export function totalUnread(conversations: Iterable<Conversation>): number {
  let total = 0;
  for (const conversation of conversations) total += conversation.unreadCount;
  return total;
}

/** As the server counts: others' messages, and system notices in DMs only (not "alice joined" in a channel). */
export function countsAsUnread(event: MessageEvent, me: number, kind: Conversation['kind']): boolean {
  const message = event.message;
  if (message.kind === 'system') return kind === 'dm';
  return message.authorId !== me;
}

/**
 * A message event applied to a conversation's count. `seen` is true when the person is looking at the newest
 * messages of that conversation right now (it will be marked read at once). A `gap` means events were missed and
 * the count must be fetched again.
 */
export function countEvent(conversation: Conversation, event: MessageEvent, me: number, seen: boolean): { conversation: Conversation; gap: boolean } {
  if (event.seq <= conversation.lastSeq) return { conversation, gap: false };
  const gap = event.seq > conversation.lastSeq + 1;
  let unreadCount = conversation.unreadCount;
  const counts = countsAsUnread(event, me, conversation.kind);
  if (event.type === 'message.created' && counts && !seen) unreadCount += 1;
  if (event.type === 'message.deleted' && counts && event.message.seq > conversation.readSeq) unreadCount = Math.max(0, unreadCount - 1);
  const lastMessageAt = event.type === 'message.created' ? event.message.createdAt : conversation.lastMessageAt;
  return { conversation: { ...conversation, lastSeq: event.seq, unreadCount, lastMessageAt }, gap };
}

/** Read up to `seq` (here or in another tab): what is left unread. */
export function readUpTo(conversation: Conversation, seq: number): Conversation {
  if (seq <= conversation.readSeq) return conversation;
  const unreadCount = seq >= conversation.lastSeq ? 0 : conversation.unreadCount;
  return { ...conversation, readSeq: seq, unreadCount };
}
