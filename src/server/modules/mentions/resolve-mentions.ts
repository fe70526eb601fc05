import { extractMentions } from '../../../shared/domain/mentions.js';
import type { ConversationStore } from '../conversations/conversations.store.js';
import type { MentionWrite } from '../messages/messages.store.js';

/**
 * Who a message mentions, read from its text by the server (a client's idea of it is never asked for): named users
 * who are members of the conversation (every user holds a membership row for a public channel, so that is "everyone
 * who may see it"), `@here` as the members active right now, `@everyone` as a flag. The author never mentions
 * themself.
 *
 * Named and `@here` members get a row for the Mentions view (`notifiedIds`). `@everyone` does not: the view finds it
 * among each reader's unread messages when read. Rows for every member would be written inside the shared group
 * commit, and since the rows are clustered by user, each lands on its own page: measured, 500 of them added about
 * 17 ms to a send, a stall for every other write in the batch (and #general holds every user).
 */
export async function resolveMentions(
  deps: { conversations: ConversationStore; isActive: (userId: number) => boolean },
  input: { conversationId: number; authorId: number; text: string },
): Promise<MentionWrite> {
  // Most messages name nobody: without an '@' there is nothing to read (and no code to blank out first).
  const found = input.text.includes('@') ? extractMentions(input.text) : null;
  if (!found || (found.keys.length === 0 && !found.everyone && !found.here)) return { mentions: { userIds: [], everyone: false, here: false }, notifiedIds: [] };
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
    notifiedIds: ids,
  };
}
