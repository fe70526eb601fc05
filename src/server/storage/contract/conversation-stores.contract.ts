import { describe, expect, it } from 'vitest';
import { UNREAD_COUNT_CAP } from '../../../shared/protocol/conversations.js';
import type { AuthStores } from '../../modules/auth/auth.store.js';
import type { ConversationStore } from '../../modules/conversations/conversations.store.js';
import type { MessageStore } from '../../modules/messages/messages.store.js';

export interface ConversationStores {
  auth: AuthStores;
  conversations: ConversationStore;
  messages: MessageStore;
}

/** Behaviour every storage adapter's conversation and message stores must have. Fresh, empty stores per test. */
export function describeConversationStoreContract(name: string, make: () => Promise<{ stores: ConversationStores; dispose(): Promise<void> }>): void {
  const withStores = (fn: (s: ConversationStores) => Promise<void>) => async () => {
    const { stores, dispose } = await make();
    try {
      await fn(stores);
    } finally {
      await dispose();
    }
  };
  const user = async (s: ConversationStores, username: string) =>
    (await s.auth.users.createUser({ username, usernameKey: username.toLowerCase(), passwordHash: 'h', now: 1 })).id;
  const post = (s: ConversationStores, conversationId: number, authorId: number | null, body: string, clientId: string | null = null) =>
    s.messages.appendMessage({ conversationId, authorId, body, clientId, replyToId: null, now: 10 });

  describe(`${name}: conversation and message stores contract`, () => {
    it('keeps public channels in settings order, hides removed ones and brings them back with history', withStores(async (s) => {
      const alice = await user(s, 'alice');
      await s.conversations.syncPublicChannels(['general', 'random'], 1);
      let list = await s.conversations.listUserConversations(alice);
      expect(list.map((c) => c.conversation.name)).toEqual(['general', 'random']);
      const random = list[1]?.conversation.id as number;
      await post(s, random, alice, 'kept');
      await s.conversations.syncPublicChannels(['ops', 'general'], 2);
      list = await s.conversations.listUserConversations(alice);
      expect(list.map((c) => c.conversation.name)).toEqual(['ops', 'general']);
      await s.conversations.syncPublicChannels(['random'], 3);
      list = await s.conversations.listUserConversations(alice);
      expect(list.map((c) => c.conversation.id)).toEqual([random]);
      expect((await s.messages.listBefore(random, { beforeSeq: null, minSeq: 0, limit: 10 })).map((m) => m.body)).toEqual(['kept']);
    }));

    it('lets a new user join public channels with nothing unread', withStores(async (s) => {
      const alice = await user(s, 'alice');
      await s.conversations.syncPublicChannels(['general'], 1);
      const general = (await s.conversations.listUserConversations(alice))[0]?.conversation.id as number;
      await post(s, general, alice, 'one');
      await post(s, general, alice, 'two');
      const bob = await user(s, 'bob');
      await s.conversations.joinPublicChannels(bob, 5);
      const [view] = await s.conversations.listUserConversations(bob);
      expect(view?.membership.readSeq).toBe(2);
      expect(view?.unreadCount).toBe(0);
      await post(s, general, alice, 'three');
      expect((await s.conversations.getUserConversation(general, bob))?.unreadCount).toBe(1);
      expect((await s.conversations.getUserConversation(general, alice))?.unreadCount).toBe(0);
    }));

    it('numbers every change of a conversation with the next seq and replays changes in current state', withStores(async (s) => {
      const alice = await user(s, 'alice');
      const c = await s.conversations.createPrivateChannel({ name: 'ops', creatorId: alice, memberIds: [], now: 1 });
      const a = await post(s, c.id, alice, 'a', 'client-a-1');
      const b = await post(s, c.id, alice, 'b');
      expect([a.message.seq, b.message.seq]).toEqual([1, 2]);
      const edited = await s.messages.editMessage(a.message.id, 'a2', 20);
      expect(edited).toMatchObject({ seq: 1, updatedSeq: 3, body: 'a2', editedAt: 20 });
      const deleted = await s.messages.deleteMessage(b.message.id, 21);
      expect(deleted).toMatchObject({ seq: 2, updatedSeq: 4, body: null, deletedAt: 21 });
      expect((await s.conversations.getConversation(c.id))?.lastSeq).toBe(4);
      const changes = await s.messages.listChangedSince(c.id, { afterSeq: 2, minSeq: 0, limit: 10 });
      expect(changes.map((m) => [m.id, m.updatedSeq, m.body])).toEqual([[a.message.id, 3, 'a2'], [b.message.id, 4, null]]);
      expect((await s.messages.listBefore(c.id, { beforeSeq: null, minSeq: 0, limit: 10 })).map((m) => m.body)).toEqual(['a2']);
    }));

    it('returns the first message again for a repeated client id', withStores(async (s) => {
      const alice = await user(s, 'alice');
      const c = await s.conversations.createPrivateChannel({ name: 'ops', creatorId: alice, memberIds: [], now: 1 });
      const first = await post(s, c.id, alice, 'hi', 'client-id-1');
      const again = await post(s, c.id, alice, 'hi', 'client-id-1');
      expect(again).toMatchObject({ duplicate: true, message: { id: first.message.id } });
      expect((await s.conversations.getConversation(c.id))?.lastSeq).toBe(1);
      expect(await s.messages.findByClientId(alice, 'client-id-1')).toMatchObject({ id: first.message.id });
    }));

    it('gives concurrent appends distinct consecutive seqs', withStores(async (s) => {
      const alice = await user(s, 'alice');
      const c = await s.conversations.createPrivateChannel({ name: 'ops', creatorId: alice, memberIds: [], now: 1 });
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => post(s, c.id, alice, `m${i}`, `client-${i}-xyz`)));
      expect(results.map((r) => r.message.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    }));

    it('starts a late member after the existing history and pages around it', withStores(async (s) => {
      const alice = await user(s, 'alice');
      const carol = await user(s, 'carol');
      const c = await s.conversations.createPrivateChannel({ name: 'ops', creatorId: alice, memberIds: [], now: 1 });
      for (let i = 1; i <= 5; i++) await post(s, c.id, alice, `m${i}`);
      const notice = await s.conversations.addMember(c.id, carol, { text: 'alice added carol', now: 2 });
      expect(notice).toMatchObject({ kind: 'system', authorId: null, seq: 6 });
      const membership = await s.conversations.getMembership(c.id, carol);
      expect(membership).toMatchObject({ historyFromSeq: 5, readSeq: 5 });
      expect(await s.conversations.listAudience(c.id, 3)).toEqual([{ userId: alice, historyFromSeq: 0 }]);
      expect((await s.conversations.listAudience(c.id, 6)).map((m) => m.userId).sort()).toEqual([alice, carol].sort());
      expect(await s.conversations.listAudienceIds(c.id, 3)).toEqual([alice]);
      expect((await s.conversations.listAudienceIds(c.id, 6)).sort()).toEqual([alice, carol].sort());
      expect((await s.messages.listBefore(c.id, { beforeSeq: null, minSeq: 5, limit: 10 })).map((m) => m.seq)).toEqual([6]);
      expect((await s.messages.listBefore(c.id, { beforeSeq: 4, minSeq: 0, limit: 2 })).map((m) => m.seq)).toEqual([3, 2]);
      expect((await s.messages.listAfter(c.id, { afterSeq: 2, minSeq: 0, limit: 2 })).map((m) => m.seq)).toEqual([3, 4]);
      await s.conversations.removeMember(c.id, carol, { text: 'carol left the channel', now: 3 });
      expect(await s.conversations.getMembership(c.id, carol)).toBeNull();
    }));

    it('finds a conversation with a member\'s membership in one lookup, and nothing for non-members', withStores(async (s) => {
      const [alice, bob, carol] = [await user(s, 'alice'), await user(s, 'bob'), await user(s, 'carol')];
      const c = await s.conversations.createPrivateChannel({ name: 'ops', creatorId: alice, memberIds: [], now: 1 });
      await post(s, c.id, alice, 'before carol');
      await s.conversations.addMember(c.id, carol, { text: 'alice added carol', now: 2 });
      const both = async (conversationId: number, userId: number) => ({
        conversation: await s.conversations.getConversation(conversationId),
        membership: await s.conversations.getMembership(conversationId, userId),
      });
      expect(await s.conversations.getMemberConversation(c.id, carol)).toEqual(await both(c.id, carol));
      expect(await s.conversations.getMemberConversation(c.id, carol)).toMatchObject({
        conversation: { id: c.id, kind: 'private', name: 'ops', lastSeq: 2 },
        membership: { conversationId: c.id, userId: carol, joinedAt: 2, historyFromSeq: 1, hidden: false },
      });
      expect(await s.conversations.getMemberConversation(c.id, alice)).toEqual(await both(c.id, alice));
      expect(await s.conversations.getMemberConversation(c.id, bob)).toBeNull();
      expect(await s.conversations.getMemberConversation(9999, alice)).toBeNull();
      const dm = await s.conversations.openDirectMessage({ memberIds: [alice, bob], openerId: alice, now: 3 });
      await s.conversations.setHidden(dm.conversation.id, bob, true);
      expect(await s.conversations.getMemberConversation(dm.conversation.id, bob)).toMatchObject({
        conversation: { id: dm.conversation.id, kind: 'dm' },
        membership: { userId: bob, hidden: true },
      });
      expect(await s.conversations.getMemberConversation(dm.conversation.id, carol)).toBeNull();
      // A public channel removed from settings is still found, with no position: the access gate turns it away.
      await s.conversations.syncPublicChannels(['general'], 4);
      const general = (await s.conversations.listUserConversations(bob)).find((v) => v.conversation.kind === 'public')?.conversation.id as number;
      expect(await s.conversations.getMemberConversation(general, bob)).toMatchObject({ conversation: { position: 0 }, membership: { userId: bob } });
      await s.conversations.syncPublicChannels([], 5);
      expect(await s.conversations.getMemberConversation(general, bob)).toMatchObject({ conversation: { kind: 'public', position: null } });
    }));

    it('keeps one DM per set of people, reopened by a new message', withStores(async (s) => {
      const [alice, bob, carol] = [await user(s, 'alice'), await user(s, 'bob'), await user(s, 'carol')];
      const first = await s.conversations.openDirectMessage({ memberIds: [bob, alice], openerId: alice, now: 1 });
      const again = await s.conversations.openDirectMessage({ memberIds: [alice, bob, alice], openerId: bob, now: 2 });
      const group = await s.conversations.openDirectMessage({ memberIds: [alice, bob, carol], openerId: alice, now: 3 });
      expect(first.created).toBe(true);
      expect(again).toMatchObject({ created: false, conversation: { id: first.conversation.id } });
      expect(group.conversation.id).not.toBe(first.conversation.id);
      await s.conversations.setHidden(first.conversation.id, alice, true);
      expect((await s.conversations.listUserConversations(alice)).map((c) => c.conversation.id)).toEqual([group.conversation.id]);
      const reply = await post(s, first.conversation.id, bob, 'back?');
      expect(reply.reopenedFor).toEqual([alice]);
      expect((await s.conversations.listUserConversations(alice)).map((c) => c.conversation.id).sort()).toEqual([first.conversation.id, group.conversation.id].sort());
    }));

    it('moves read positions forward only, never past the latest seq', withStores(async (s) => {
      const alice = await user(s, 'alice');
      const c = await s.conversations.createPrivateChannel({ name: 'ops', creatorId: alice, memberIds: [], now: 1 });
      await post(s, c.id, alice, 'a');
      await post(s, c.id, alice, 'b');
      expect(await s.conversations.markRead(c.id, alice, 1)).toBe(1);
      expect(await s.conversations.markRead(c.id, alice, 0)).toBe(1);
      expect(await s.conversations.markRead(c.id, alice, 99)).toBe(2);
      expect(await s.conversations.readPositions(c.id)).toEqual([{ userId: alice, seq: 2, joinedAt: 1 }]);
    }));

    it('counts unread messages up to the cap, and names the authors of a range of messages', withStores(async (s) => {
      const [alice, bob, carol] = [await user(s, 'alice'), await user(s, 'bob'), await user(s, 'carol')];
      const c = await s.conversations.createPrivateChannel({ name: 'ops', creatorId: alice, memberIds: [bob, carol], now: 1 });
      await Promise.all(Array.from({ length: UNREAD_COUNT_CAP + 5 }, (_, i) => post(s, c.id, i === 3 ? carol : alice, `m${i}`)));
      expect((await s.conversations.getUserConversation(c.id, bob))?.unreadCount).toBe(UNREAD_COUNT_CAP);
      expect((await s.conversations.getUserConversation(c.id, alice))?.unreadCount).toBe(1);
      expect((await s.conversations.listAuthorsBetween(c.id, 0, 10, 100))?.sort()).toEqual([alice, carol].sort());
      expect(await s.conversations.listAuthorsBetween(c.id, 5, 10, 100)).toEqual([alice]);
      expect(await s.conversations.listAuthorsBetween(c.id, 0, 500, 100)).toBeNull();
    }));

    it('finds users by name key and keeps a presence override', withStores(async (s) => {
      const alice = await user(s, 'Alice');
      const found = await s.conversations.findUserIdsByKeys(['alice', 'nobody']);
      expect([...found]).toEqual([['alice', { id: alice, username: 'Alice' }]]);
      expect(await s.conversations.getPresenceOverride(alice)).toBeNull();
      await s.conversations.setPresenceOverride(alice, 'away');
      expect(await s.conversations.getPresenceOverride(alice)).toBe('away');
    }));
  });
}
