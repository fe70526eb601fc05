import { describe, expect, it } from 'vitest';
import type { AuthStores } from '../../modules/auth/auth.store.js';
import type { ConversationStore } from '../../modules/conversations/conversations.store.js';
import type { MessageStore } from '../../modules/messages/messages.store.js';
import type { MessageSearch, SearchPosition, SearchStore, SearchTerm } from '../../modules/search/search.store.js';

export interface SearchStores {
  auth: AuthStores;
  conversations: ConversationStore;
  messages: MessageStore;
  search: SearchStore;
}

/**
 * Behaviour every storage adapter's search store must have: the matching rules of SearchTerm, the rank tiers,
 * paging, filters, and above all the access rules, applied inside the query. Fresh, empty stores per test.
 */
export function describeSearchStoreContract(name: string, make: () => Promise<{ stores: SearchStores; dispose(): Promise<void> }>): void {
  const withWorld = (fn: (w: World) => Promise<void>) => async () => {
    const { stores, dispose } = await make();
    try {
      await fn(await buildWorld(stores));
    } finally {
      await dispose();
    }
  };

  describe(`${name}: search store contract`, () => {
    it('finds 3+ characters anywhere inside words, ignoring case and accents', withWorld(async (w) => {
      await w.say(w.general, w.alice, 'We REDEPLOYED the Café service');
      await w.say(w.general, w.alice, 'nothing to see');
      expect(await w.find(w.bob, 'deploy')).toEqual(['We REDEPLOYED the Café service']);
      expect(await w.find(w.bob, 'cafe')).toEqual(['We REDEPLOYED the Café service']);
      expect(await w.find(w.bob, 'ÉPLO')).toEqual(['We REDEPLOYED the Café service']);
    }));

    it('matches terms under 3 characters as whole words only', withWorld(async (w) => {
      await w.say(w.general, w.alice, 'ci is green');
      await w.say(w.general, w.alice, 'circle back');
      expect(await w.find(w.bob, 'ci')).toEqual(['ci is green']);
      expect(await w.find(w.bob, 'CI green')).toEqual(['ci is green']);
    }));

    it('needs every term, matches phrases as written, and leaves out exclusions', withWorld(async (w) => {
      await w.say(w.general, w.alice, 'staging server is down');
      await w.say(w.general, w.alice, 'the server for staging');
      await w.say(w.general, w.alice, 'staging only');
      expect(await w.find(w.bob, 'staging server')).toEqual(['staging server is down', 'the server for staging']);
      expect(await w.find(w.bob, [{ text: 'staging server', phrase: true }])).toEqual(['staging server is down']);
      expect(await w.find(w.bob, 'staging', { excluded: [{ text: 'server', phrase: false }] })).toEqual(['staging only']);
      expect(await w.find(w.bob, 'staging', { excluded: [{ text: 'is', phrase: false }] })).toEqual(['staging only', 'the server for staging']);
    }));

    it('finds a phrase inside words too, and from: only the authors\' messages', withWorld(async (w) => {
      await w.say(w.general, w.alice, 'we went to deploy today');
      await w.say(w.general, w.bob, 'auto deploy todo: fix it');
      await w.say(w.general, w.alice, 'to deploy, or not');
      expect(await w.find(w.bob, [{ text: 'to deploy tod', phrase: true }])).toEqual(['auto deploy todo: fix it', 'we went to deploy today']);
      expect(await w.find(w.bob, [{ text: 'o deploy', phrase: true }])).toEqual(['to deploy, or not', 'auto deploy todo: fix it', 'we went to deploy today']);
      expect(await w.find(w.bob, [{ text: 'ploy, or not', phrase: true }])).toEqual(['to deploy, or not']);
      expect(await w.find(w.bob, [{ text: 'went to deploy tod', phrase: true }, { text: 'we', phrase: false }])).toEqual(['we went to deploy today']);
      expect(await w.find(w.bob, 'deploy', { authorIds: [w.alice] })).toEqual(['to deploy, or not', 'we went to deploy today']);
      expect(await w.find(w.bob, 'eplo', { authorIds: [w.bob] })).toEqual(['auto deploy todo: fix it']);
      expect(await w.find(w.bob, 'deploy', { authorIds: [w.alice, w.bob], conversationIds: [w.general] })).toHaveLength(3);
    }));

    it('tolerates one typo in words of 5+ letters, but not in shorter words or phrases', withWorld(async (w) => {
      await w.say(w.general, w.alice, 'please deploy tonight');
      await w.say(w.general, w.alice, 'the cat sat');
      expect(await w.find(w.bob, 'deplyo')).toEqual(['please deploy tonight']);
      expect(await w.find(w.bob, 'deploi')).toEqual(['please deploy tonight']);
      expect(await w.find(w.bob, 'deplooy')).toEqual(['please deploy tonight']);
      expect(await w.find(w.bob, 'dploy')).toEqual(['please deploy tonight']);
      expect(await w.find(w.bob, 'dpeloy')).toEqual(['please deploy tonight']);
      expect(await w.find(w.bob, 'dplyo')).toEqual([]);
      expect(await w.find(w.bob, 'cta')).toEqual([]);
      expect(await w.find(w.bob, [{ text: 'deplyo', phrase: true }])).toEqual([]);
      const page = await w.page(w.bob, 'deplyo');
      expect(page.similarWords).toEqual(['deploy']);
    }));

    it('ranks the words as typed, then whole words, then parts of words, then typos; newest first within each', withWorld(async (w) => {
      const posts = [
        'a typo: relase notes', // typo tier
        'release notes for 2.0', // exact phrase
        'the notes of the release', // whole words
        'prerelease notes draft', // partial
        'release notes again', // exact phrase, newer
        'notes about releases', // partial, newer
      ];
      for (const text of posts) await w.say(w.general, w.alice, text);
      expect(await w.find(w.bob, 'release notes')).toEqual([
        'release notes again',
        'release notes for 2.0',
        'the notes of the release',
        'notes about releases',
        'prerelease notes draft',
        'a typo: relase notes',
      ]);
    }));

    it('pages through every tier without repeating or skipping a message', withWorld(async (w) => {
      const expected: string[] = [];
      for (let i = 0; i < 7; i++) await w.say(w.general, w.alice, `deploy number ${i}`);
      for (let i = 0; i < 5; i++) await w.say(w.general, w.alice, `redeployed number ${i}`);
      for (let i = 0; i < 4; i++) await w.say(w.general, w.alice, `deplyo number ${i}`);
      expected.push(...[6, 5, 4, 3, 2, 1, 0].map((i) => `deploy number ${i}`));
      expected.push(...[4, 3, 2, 1, 0].map((i) => `redeployed number ${i}`));
      for (const limit of [1, 3, 4, 7, 12, 16, 50]) {
        const seen: string[] = [];
        let after: MessageSearch['after'] = null;
        for (let pages = 0; pages < 40; pages++) {
          const page = await w.page(w.bob, 'deploy', { limit, after });
          expect(page.hits.length).toBeLessThanOrEqual(limit);
          seen.push(...page.hits.map((h) => h.message.body as string));
          if (page.next === null) break;
          expect(page.hits).toHaveLength(limit);
          after = page.next;
        }
        expect(seen, `limit ${limit}`).toEqual([...expected, ...[3, 2, 1, 0].map((i) => `deplyo number ${i}`)]);
      }
    }));

    it('filters by author, conversation, time and links', withWorld(async (w) => {
      await w.say(w.general, w.alice, 'deploy by alice', 1_000);
      await w.say(w.general, w.bob, 'deploy by bob, see https://ci.team.example/1', 2_000);
      await w.say(w.random, w.bob, 'deploy in random at www.team.example', 3_000);
      await w.say(w.random, w.bob, 'deploy via http://intranet', 4_000);
      await w.say(w.random, w.bob, 'deploy with no address', 5_000);
      expect(await w.find(w.carol, 'deploy', { authorIds: [w.alice] })).toEqual(['deploy by alice']);
      expect(await w.find(w.carol, 'deploy', { conversationIds: [w.general] })).toEqual(['deploy by bob, see https://ci.team.example/1', 'deploy by alice']);
      expect(await w.find(w.carol, 'deploy', { conversationIds: [w.general, w.random], authorIds: [w.alice, w.carol] })).toEqual(['deploy by alice']);
      expect(await w.find(w.carol, 'deploy', { createdFrom: 2_000, createdBefore: 4_000 })).toEqual([
        'deploy in random at www.team.example',
        'deploy by bob, see https://ci.team.example/1',
      ]);
      expect(await w.find(w.carol, 'deploy', { hasLink: true })).toEqual([
        'deploy via http://intranet',
        'deploy in random at www.team.example',
        'deploy by bob, see https://ci.team.example/1',
      ]);
      expect(await w.find(w.carol, [], { authorIds: [w.bob], conversationIds: [w.random] })).toEqual([
        'deploy with no address',
        'deploy via http://intranet',
        'deploy in random at www.team.example',
      ]);
      expect(await w.find(w.carol, [], { hasLink: true, excluded: [{ text: 'random', phrase: false }] })).toEqual([
        'deploy via http://intranet',
        'deploy by bob, see https://ci.team.example/1',
      ]);
    }));

    it('finds only what the searcher may read', withWorld(async (w) => {
      await w.say(w.general, w.alice, 'secret in general');
      await w.say(w.ops, w.alice, 'secret in ops, before carol');
      await w.say(w.dm, w.alice, 'secret in the alice-bob dm');
      await w.s.conversations.addMember(w.ops, w.carol, { text: 'alice added carol', now: 50 });
      await w.say(w.ops, w.alice, 'secret in ops, after carol');
      const dave = await w.user('dave');
      expect(await w.find(w.alice, 'secret')).toEqual(['secret in ops, after carol', 'secret in the alice-bob dm', 'secret in ops, before carol', 'secret in general']);
      expect(await w.find(w.carol, 'secret')).toEqual(['secret in ops, after carol', 'secret in general']);
      // Dave signed up afterwards: he joined the public channels, not the private ones.
      expect(await w.find(dave, 'secret')).toEqual([]);
      await w.s.conversations.joinPublicChannels(dave, 60);
      expect(await w.find(dave, 'secret')).toEqual(['secret in general']);
      // Naming a conversation one cannot read does not open it.
      expect(await w.find(w.carol, 'secret', { conversationIds: [w.dm, w.ops] })).toEqual(['secret in ops, after carol']);
      expect(await w.find(dave, 'secret', { conversationIds: [w.dm, w.ops] })).toEqual([]);

      await w.s.conversations.removeMember(w.ops, w.carol, { text: 'carol left the channel', now: 70 });
      expect(await w.find(w.carol, 'secret')).toEqual(['secret in general']);
      await w.s.conversations.syncPublicChannels(['random'], 80);
      expect(await w.find(w.carol, 'secret')).toEqual([]);
      await w.s.conversations.syncPublicChannels(['general', 'random'], 90);
      expect(await w.find(w.carol, 'secret')).toEqual(['secret in general']);
    }));

    it('never finds system notices', withWorld(async (w) => {
      await w.s.conversations.postNotice(w.general, { text: 'alice renamed the channel to deploys', now: 5 });
      expect(await w.find(w.alice, 'deploys')).toEqual([]);
    }));

    it('forgets deleted messages and finds edits by their new words at once', withWorld(async (w) => {
      const doomed = await w.say(w.general, w.alice, 'the password is hunter2');
      const edited = await w.say(w.general, w.alice, 'deploy on fridya');
      await w.s.messages.deleteMessage(doomed, 20);
      await w.s.messages.editMessage(edited, 'deploy on monday', 21);
      expect(await w.find(w.bob, 'hunter2')).toEqual([]);
      expect(await w.find(w.bob, 'password')).toEqual([]);
      expect(await w.find(w.bob, 'fridya')).toEqual([]);
      expect(await w.find(w.bob, 'friday')).toEqual([]);
      expect(await w.find(w.bob, 'monday')).toEqual(['deploy on monday']);
      const [hit] = (await w.page(w.bob, 'monday')).hits;
      expect(hit).toMatchObject({ message: { id: edited, body: 'deploy on monday', editedAt: 21 }, authorName: 'alice', conversation: { id: w.general, kind: 'public', name: 'general' } });
    }));

    it('tells the searcher\'s join point with each hit', withWorld(async (w) => {
      await w.say(w.ops, w.alice, 'before');
      await w.s.conversations.addMember(w.ops, w.carol, { text: 'alice added carol', now: 50 });
      await w.say(w.ops, w.alice, 'deploy after');
      const [hit] = (await w.page(w.carol, 'deploy')).hits;
      expect(hit?.historyFromSeq).toBe(1);
      expect((await w.page(w.alice, 'deploy')).hits[0]?.historyFromSeq).toBe(0);
    }));

    it('treats FTS syntax, quotes and odd characters in terms as text', withWorld(async (w) => {
      await w.say(w.general, w.alice, 'say "hi" NEAR(the door) OR else * ^start col:x');
      for (const text of ['"hi"', 'NEAR(', 'OR else', '* ^', '^start', 'col:x', '"', '""', 'AND', 'NOT', '\u0000abc', '\uFFFD\uFFFD\uFFFD', '😀😀😀', 'x'.repeat(1000)]) {
        await expect(w.page(w.bob, [{ text, phrase: false }]), JSON.stringify(text)).resolves.toBeDefined();
        await expect(w.page(w.bob, [{ text, phrase: true }])).resolves.toBeDefined();
        await expect(w.page(w.bob, 'say', { excluded: [{ text, phrase: false }] })).resolves.toBeDefined();
      }
      expect(await w.find(w.bob, [{ text: '"hi" NEAR(the', phrase: true }])).toHaveLength(1);
      expect(await w.find(w.bob, 'OR')).toHaveLength(1);
    }));

    it('finds channels by name, ignoring case, and a DM by its exact members', withWorld(async (w) => {
      expect(await w.s.search.findChannelIds('GENERAL')).toEqual([w.general]);
      expect(await w.s.search.findChannelIds('ops')).toEqual([w.ops]);
      expect(await w.s.search.findChannelIds('nope')).toEqual([]);
      expect(await w.s.search.findDirectMessageId([w.bob, w.alice])).toBe(w.dm);
      expect(await w.s.search.findDirectMessageId([w.alice, w.carol])).toBeNull();
      const self = await w.s.conversations.openDirectMessage({ memberIds: [w.alice], openerId: w.alice, now: 5 });
      await w.s.conversations.openSystemConversation(w.alice, 6);
      expect(await w.s.search.findDirectMessageId([w.alice, w.alice])).toBe(self.conversation.id);
    }));
  });
}

interface World {
  s: SearchStores;
  alice: number;
  bob: number;
  carol: number;
  general: number;
  random: number;
  /** Private: alice and bob. */
  ops: number;
  /** alice and bob. */
  dm: number;
  user(name: string): Promise<number>;
  say(conversationId: number, authorId: number, text: string, now?: number): Promise<number>;
  page(userId: number, terms: string | SearchTerm[], options?: Partial<MessageSearch>): ReturnType<SearchStore['searchMessages']>;
  find(userId: number, terms: string | SearchTerm[], options?: Partial<MessageSearch>): Promise<string[]>;
}

async function buildWorld(s: SearchStores): Promise<World> {
  const user = async (username: string) => (await s.auth.users.createUser({ username, usernameKey: username, passwordHash: 'h', now: 1 })).id;
  const [alice, bob, carol] = [await user('alice'), await user('bob'), await user('carol')];
  await s.conversations.syncPublicChannels(['general', 'random'], 1);
  const [general, random] = (await s.conversations.listUserConversations(alice)).map((c) => c.conversation.id) as [number, number];
  const ops = (await s.conversations.createPrivateChannel({ name: 'ops', creatorId: alice, memberIds: [bob], now: 1 })).id;
  const dm = (await s.conversations.openDirectMessage({ memberIds: [alice, bob], openerId: alice, now: 1 })).conversation.id;
  let clock = 100;
  const page: World['page'] = (userId, terms, options = {}) =>
    s.search.searchMessages({
      userId,
      terms: typeof terms === 'string' ? terms.split(' ').map((text) => ({ text, phrase: false })) : terms,
      excluded: [],
      authorIds: null,
      conversationIds: null,
      createdFrom: null,
      createdBefore: null,
      hasLink: false,
      limit: 50,
      after: null,
      ...options,
    });
  return {
    s,
    alice,
    bob,
    carol,
    general,
    random,
    ops,
    dm,
    user,
    page,
    async say(conversationId, authorId, text, now) {
      const { message } = await s.messages.appendMessage({ conversationId, authorId, body: text, clientId: null, replyToId: null, now: now ?? clock++ });
      return message.id;
    },
    // Every hit, following `next` as "Load more" does: an adapter may cut a page short when its work budget runs
    // out, which happens on a busy machine.
    async find(userId, terms, options) {
      const bodies: string[] = [];
      let after: SearchPosition | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const result = await page(userId, terms, { ...options, after });
        bodies.push(...result.hits.map((h) => h.message.body as string));
        if (result.next === null) break;
        after = result.next;
      }
      return bodies;
    },
  };
}
