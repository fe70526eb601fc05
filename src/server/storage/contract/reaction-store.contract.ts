import { describe, expect, it } from 'vitest';
import type { AuthStores } from '../../modules/auth/auth.store.js';
import type { ConversationStore } from '../../modules/conversations/conversations.store.js';
import type { MessageStore } from '../../modules/messages/messages.store.js';
import type { ReactionStore } from '../../modules/reactions/reactions.store.js';

export interface ReactionStores {
  auth: AuthStores;
  conversations: ConversationStore;
  messages: MessageStore;
  reactions: ReactionStore;
}

/** Behaviour every storage adapter's reaction store must have. Fresh, empty stores per test. */
export function describeReactionStoreContract(name: string, make: () => Promise<{ stores: ReactionStores; dispose(): Promise<void> }>): void {
  const withMessage = (fn: (s: ReactionStores, ids: { messageId: number; conversationId: number; alice: number; bob: number }) => Promise<void>) => async () => {
    const { stores: s, dispose } = await make();
    try {
      const user = async (username: string) => (await s.auth.users.createUser({ username, usernameKey: username, passwordHash: 'h', now: 1 })).id;
      const alice = await user('alice');
      const bob = await user('bob');
      await s.conversations.syncPublicChannels(['general'], 1);
      const conversationId = (await s.conversations.listUserConversations(alice))[0]?.conversation.id as number;
      const { message } = await s.messages.appendMessage({ conversationId, authorId: alice, body: 'hi', clientId: null, replyToId: null, now: 10 });
      await fn(s, { messageId: message.id, conversationId, alice, bob });
    } finally {
      await dispose();
    }
  };
  const add = (s: ReactionStores, messageId: number, emoji: string, userId: number, maxDistinct = 50) =>
    s.reactions.addReaction({ messageId, emoji, userId, now: 20, maxDistinct });

  describe(`${name}: reaction store contract`, () => {
    it('keeps emoji in order of first reaction and people in the order they reacted, each change with a new seq', withMessage(async (s, { messageId, conversationId, alice, bob }) => {
      const first = await add(s, messageId, '👍️', bob);
      expect(first.outcome).toBe('changed');
      await add(s, messageId, '🎉', alice);
      const third = await add(s, messageId, '👍️', alice);
      if (third.outcome !== 'changed') throw new Error(third.outcome);
      expect(third.message.reactions).toEqual([
        { emoji: '👍️', userIds: [bob, alice] },
        { emoji: '🎉', userIds: [alice] },
      ]);
      expect(third.message.updatedSeq).toBe(4);
      expect((await s.conversations.getConversation(conversationId))?.lastSeq).toBe(4);
      expect((await s.messages.getMessage(messageId))?.reactions).toEqual(third.message.reactions);
      const changed = await s.messages.listChangedSince(conversationId, { afterSeq: 3, minSeq: 0, limit: 10 });
      expect(changed.map((m) => m.id)).toEqual([messageId]);
    }));

    it('changes nothing for a repeat, a removal of what is not there, or a new emoji past the limit', withMessage(async (s, { messageId, alice, bob }) => {
      await add(s, messageId, '👍️', bob);
      const again = await add(s, messageId, '👍️', bob);
      expect(again.outcome).toBe('unchanged');
      const missing = await s.reactions.removeReaction({ messageId, emoji: '🎉', userId: bob });
      expect(missing.outcome).toBe('unchanged');
      const full = await add(s, messageId, '🎉', alice, 1);
      expect(full.outcome).toBe('full');
      expect((await add(s, messageId, '👍️', alice, 1)).outcome).toBe('changed');
      expect((await s.messages.getMessage(messageId))?.updatedSeq).toBe(3);
    }));

    it('removes a person, then the emoji once nobody is left', withMessage(async (s, { messageId, alice, bob }) => {
      await add(s, messageId, '👍️', bob);
      await add(s, messageId, '👍️', alice);
      const one = await s.reactions.removeReaction({ messageId, emoji: '👍️', userId: bob });
      if (one.outcome !== 'changed') throw new Error(one.outcome);
      expect(one.message.reactions).toEqual([{ emoji: '👍️', userIds: [alice] }]);
      const none = await s.reactions.removeReaction({ messageId, emoji: '👍️', userId: alice });
      if (none.outcome !== 'changed') throw new Error(none.outcome);
      expect(none.message.reactions).toEqual([]);
    }));

    it('treats a deleted or missing message as gone, and a deletion clears its reactions', withMessage(async (s, { messageId, alice, bob }) => {
      await add(s, messageId, '👍️', bob);
      const deleted = await s.messages.deleteMessage(messageId, 30);
      expect(deleted.reactions).toEqual([]);
      expect((await add(s, messageId, '👍️', alice)).outcome).toBe('gone');
      expect((await s.reactions.removeReaction({ messageId, emoji: '👍️', userId: bob })).outcome).toBe('gone');
      expect((await add(s, 999_999, '👍️', alice)).outcome).toBe('gone');
    }));

    it('applies simultaneous reactions one after another, losing none', withMessage(async (s, { messageId, alice, bob }) => {
      const emoji = ['😀', '🎉', '🚀', '👀'];
      await Promise.all(emoji.flatMap((e) => [add(s, messageId, e, alice), add(s, messageId, e, bob)]));
      const message = await s.messages.getMessage(messageId);
      expect(message?.reactions.map((r) => [r.emoji, r.userIds])).toEqual(emoji.map((e) => [e, [alice, bob]]));
      expect(message?.updatedSeq).toBe(1 + emoji.length * 2);
    }));
  });
}
