import { extractMentions } from '../../../shared/domain/mentions.js';
import type { ConversationStore } from '../conversations/conversations.store.js';
import type { MentionWrite } from '../messages/messages.store.js';

/**
 * Who a message mentions, read from its text by the server (a client's idea of it is never asked for): named users
 * who are members of the conversation (every user holds a membership row for a public channel, so that is "everyone
 * who may see it"), `@here` as the members active right now, `@everyone` as a flag. The author never mentions
 * themself.
 *
 * `@everyone` also gives every member a row for the Mentions view, written with the message, rather than being
 * resolved when the view is read: the view and its counts stay one indexed read of the reader's own rows, and a
 * 500-member channel costs 500 small inserts inside a transaction that is committed anyway.
 */
export async function resolveMentions(
  deps: { conversations: ConversationStore; isActive: (userId: number) => boolean },
  input: { conversationId: number; authorId: number; text: string },
): Promise<MentionWrite> {
  const found = extractMentions(input.text);
  if (found.keys.length === 0 && !found.everyone && !found.here) return { mentions: { userIds: [], everyone: false, here: false }, notifiedIds: [] };
  const members = new Set(await deps.conversations.listMemberIds(input.conversationId));
  members.delete(input.authorId);
  const named = found.keys.length === 0 ? new Map() : await deps.conversations.findUserIdsByKeys(found.keys);
  const userIds = new Set<number>();
  for (const key of found.keys) {
    const user = named.get(key);
    if (user && members.has(user.id)) userIds.add(user.id);
  }
  if (found.here) for (const id of members) if (deps.isActive(id)) userIds.add(id);
  const ids = [...userIds].sort((a, b) => a - b);
  return {
    mentions: { userIds: ids, everyone: found.everyone, here: found.here },
    notifiedIds: found.everyone ? [...members] : ids,
  };
}
