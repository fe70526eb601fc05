import { describe, expect, it } from 'vitest';
import type { AuthStores } from '../../modules/auth/auth.store.js';
import type { ConversationStore } from '../../modules/conversations/conversations.store.js';
import type { MentionStore } from '../../modules/mentions/mentions.store.js';
import type { MentionWrite, MessageStore } from '../../modules/messages/messages.store.js';
import type { PinStore } from '../../modules/pins/pins.store.js';

export interface MentionAndPinStores {
  auth: AuthStores;
  conversations: ConversationStore;
  messages: MessageStore;
  mentions: MentionStore;
  pins: PinStore;
}

const named = (...ids: number[]): MentionWrite => ({ mentions: { userIds: ids, everyone: false, here: false }, notifiedIds: ids });
const everyone: MentionWrite = { mentions: { userIds: [], everyone: true, here: false }, notifiedIds: [] };

/** Behaviour every storage adapter's mention rows, Mentions view and pins must have. Fresh, empty stores per test. */
export function describeMentionAndPinStoreContract(name: string, make: () => Promise<{ stores: MentionAndPinStores; dispose(): Promise<void> }>): void {
  const withStores = (fn: (s: MentionAndPinStores) => Promise<void>) => async () => {
    const { stores, dispose } = await make();
    try {
      await fn(stores);
    } finally {
      await dispose();
    }
  };
  const user = async (s: MentionAndPinStores, username: string) =>
    (await s.auth.users.createUser({ username, usernameKey: username.toLowerCase(), passwordHash: 'h', now: 1 })).id;
  const setUp = async (s: MentionAndPinStores) => {
    const alice = await user(s, 'alice');
    const bob = await user(s, 'bob');
    await s.conversations.syncPublicChannels(['general'], 1);
    const general = (await s.conversations.listUserConversations(alice))[0]?.conversation.id as number;
    return { alice, bob, general };
  };
  const unreadIds = async (s: MentionAndPinStores, userId: number) =>
    (await s.mentions.listUnreadMentions(userId, { before: null, limit: 50 })).map((m) => m.record.id);

  describe(`${name}: mention and pin stores contract`, () => {
    it('stores mentions with the message and lists them newest first until read', withStores(async (s) => {
      const { alice, bob, general } = await setUp(s);
      const first = (await s.messages.appendMessage({ conversationId: general, authorId: alice, body: '@bob', clientId: null, replyToId: null, now: 5, mentions: named(bob) })).message;
      const second = (await s.messages.appendMessage({ conversationId: general, authorId: alice, body: '@everyone', clientId: null, replyToId: null, now: 6, mentions: everyone })).message;
      expect(first.mentions).toEqual({ userIds: [bob], everyone: false, here: false });
      expect(await unreadIds(s, bob)).toEqual([second.id, first.id]);
      expect(await s.mentions.countUnreadMentions(bob)).toBe(2);
      expect(await unreadIds(s, alice)).toEqual([]);
      expect((await s.mentions.listUnreadMentions(bob, { before: second.id, limit: 50 })).map((m) => m.record.id)).toEqual([first.id]);
      await s.conversations.markRead(general, bob, first.seq);
      expect(await unreadIds(s, bob)).toEqual([second.id]);
      await s.conversations.markRead(general, bob, second.seq);
      expect(await s.mentions.countUnreadMentions(bob)).toBe(0);
    }));

    it('returns a new message exactly as it reads back, with or without mentions, a reply or a client id', withStores(async (s) => {
      const { alice, bob, general } = await setUp(s);
      const none: MentionWrite = { mentions: { userIds: [], everyone: false, here: false }, notifiedIds: [] };
      const sent = [
        await s.messages.appendMessage({ conversationId: general, authorId: alice, body: 'plain', clientId: 'c-plain-0001', replyToId: null, now: 5 }),
        await s.messages.appendMessage({ conversationId: general, authorId: alice, body: 'nobody named', clientId: null, replyToId: null, now: 6, mentions: none }),
        await s.messages.appendMessage({ conversationId: general, authorId: alice, body: '@bob', clientId: null, replyToId: null, now: 7, mentions: named(bob) }),
        await s.messages.appendMessage({ conversationId: general, authorId: alice, body: '@everyone', clientId: null, replyToId: null, now: 8, mentions: everyone }),
        await s.messages.appendMessage({ conversationId: general, authorId: null, body: 'a notice', clientId: null, replyToId: null, now: 9 }),
      ];
      const reply = await s.messages.appendMessage({ conversationId: general, authorId: bob, body: 'a reply', clientId: null, replyToId: sent[0]?.message.id ?? 0, now: 10 });
      for (const { message } of [...sent, reply]) expect(message).toEqual(await s.messages.getMessage(message.id));
      expect(reply.message.replyTo).toMatchObject({ id: sent[0]?.message.id, body: 'plain' });
    }));

    it('replaces mentions on edit and drops them on delete', withStores(async (s) => {
      const { alice, bob, general } = await setUp(s);
      const carol = await user(s, 'carol');
      await s.conversations.joinPublicChannels(carol, 1);
      const { message } = await s.messages.appendMessage({ conversationId: general, authorId: alice, body: '@bob', clientId: null, replyToId: null, now: 5, mentions: named(bob) });
      const edited = await s.messages.editMessage(message.id, '@carol', 6, named(carol));
      expect(edited.mentions.userIds).toEqual([carol]);
      expect(await unreadIds(s, bob)).toEqual([]);
      expect(await unreadIds(s, carol)).toEqual([message.id]);
      await s.messages.deleteMessage(message.id, 7);
      expect(await unreadIds(s, carol)).toEqual([]);
    }));

    it('pins up to the limit, bumps the seq for each change, lists the latest pin first', withStores(async (s) => {
      const { alice, bob, general } = await setUp(s);
      const post = async (body: string) => (await s.messages.appendMessage({ conversationId: general, authorId: alice, body, clientId: null, replyToId: null, now: 5 })).message;
      const one = await post('one');
      const two = await post('two');
      const three = await post('three');
      const pinned = await s.pins.pinMessage(one.id, { userId: bob, now: 20, max: 2 });
      expect(pinned !== 'full' && pinned.changed && pinned.record.pinned).toEqual({ userId: bob, at: 20 });
      expect(pinned !== 'full' && pinned.record.updatedSeq).toBeGreaterThan(three.seq);
      const again = await s.pins.pinMessage(one.id, { userId: alice, now: 21, max: 2 });
      expect(again !== 'full' && again.changed).toBe(false);
      await s.pins.pinMessage(two.id, { userId: alice, now: 22, max: 2 });
      expect(await s.pins.pinMessage(three.id, { userId: alice, now: 23, max: 2 })).toBe('full');
      expect((await s.pins.listPinned(general, 0)).map((m) => m.id)).toEqual([two.id, one.id]);
      const unpinned = await s.pins.unpinMessage(one.id);
      expect(unpinned.changed && unpinned.record.pinned).toBeNull();
      expect((await s.pins.unpinMessage(one.id)).changed).toBe(false);
      await s.messages.deleteMessage(two.id, 30);
      expect(await s.pins.listPinned(general, 0)).toEqual([]);
    }));
  });
}
