import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MentionsPage } from '../../../src/shared/protocol/mentions-view.js';
import type { Message } from '../../../src/shared/protocol/messages.js';
import { expectStatus, signUpAll, type ChatUser } from '../../support/chat-user.js';
import { HttpClient } from '../../support/http-client.js';
import { createTestClock } from '../../support/test-clock.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { event, presenceChange } from '../../support/ws-client.js';

let server: TestServer;
let clock: ReturnType<typeof createTestClock>;
let alice: ChatUser, bob: ChatUser, carol: ChatUser, dave: ChatUser;
let generalId: number;

beforeEach(async () => {
  clock = createTestClock();
  server = await startTestServer({}, { clock });
  [alice, bob, carol, dave] = await signUpAll(server.url, 'alice', 'bob', 'carol', 'dave');
  generalId = (await alice.channel('general')).id;
});
afterEach(async () => {
  await server.close();
});

async function mentionsOf(user: ChatUser, query = ''): Promise<MentionsPage> {
  return expectStatus(await user.http.get(`/api/mentions${query}`), 200);
}

const idsOf = (page: MentionsPage) => page.messages.map((m) => m.id);

describe('reading mentions out of a message', () => {
  it('keeps named members, case-insensitively, and ignores unknown names and the author', async () => {
    const message = await alice.send(generalId, 'hi @BOB and @carol, @nobody and @alice');
    expect(message.mentions).toEqual({ userIds: [bob.id, carol.id], everyone: false, here: false });
    expect(idsOf(await mentionsOf(bob))).toEqual([message.id]);
    expect(idsOf(await mentionsOf(alice))).toEqual([]);
    expect(idsOf(await mentionsOf(dave))).toEqual([]);
  });

  it('names only members of a private channel', async () => {
    const secret = await alice.createPrivateChannel('secret', ['bob']);
    const message = await alice.send(secret.id, '@bob @carol look');
    expect(message.mentions.userIds).toEqual([bob.id]);
    expect(idsOf(await mentionsOf(carol))).toEqual([]);
  });

  it('never reads e-mail addresses or code as mentions', async () => {
    const message = await alice.send(generalId, 'mail bob@mail.example, run `@carol` or\n```\n@dave @everyone\n```');
    expect(message.mentions).toEqual({ userIds: [], everyone: false, here: false });
    expect(idsOf(await mentionsOf(bob))).toEqual([]);
    expect(idsOf(await mentionsOf(dave))).toEqual([]);
  });

  it('sets @everyone and lists it for every member but the author', async () => {
    const message = await alice.send(generalId, 'lunch @everyone');
    expect(message.mentions).toEqual({ userIds: [], everyone: true, here: false });
    for (const user of [bob, carol, dave]) expect(idsOf(await mentionsOf(user))).toEqual([message.id]);
    expect(idsOf(await mentionsOf(alice))).toEqual([]);
  });

  it('expands @here to the members active right now', async () => {
    const bobTab = await bob.connect();
    const carolTab = await carol.connect();
    carolTab.send({ type: 'presence.set', state: 'hidden' });
    await bobTab.waitFor(presenceChange(carol.id, 'hidden'));
    const message = await alice.send(generalId, '@here standup');
    expect(message.mentions).toEqual({ userIds: [bob.id], everyone: false, here: true });
    expect(idsOf(await mentionsOf(bob))).toEqual([message.id]);
    expect(idsOf(await mentionsOf(carol))).toEqual([]);
    expect(idsOf(await mentionsOf(dave))).toEqual([]);
  });

  it('re-reads mentions on edit: rows of those no longer named go, new ones come, all announced', async () => {
    const carolTab = await carol.connect();
    const message = await alice.send(generalId, 'ping @bob');
    const edited = await alice.edit(message.id, 'ping @carol instead');
    expect(edited.mentions).toEqual({ userIds: [carol.id], everyone: false, here: false });
    expect(idsOf(await mentionsOf(bob))).toEqual([]);
    expect(idsOf(await mentionsOf(carol))).toEqual([message.id]);
    const update = await carolTab.waitFor(event('message.updated', (e) => e.message.id === message.id));
    expect(update.message.mentions.userIds).toEqual([carol.id]);
    await alice.edit(message.id, 'never mind');
    expect(idsOf(await mentionsOf(carol))).toEqual([]);
    const changes = await carol.changes(generalId, message.seq);
    expect(changes.events.map((e) => 'message' in e && e.message.mentions)).toEqual([{ userIds: [], everyone: false, here: false }]);
  });
});

describe('the Mentions view', () => {
  it('lists unread mentions across conversations, newest first, each with its conversation, author, time and text', async () => {
    const secret = await carol.createPrivateChannel('secret', ['bob']);
    const first = await alice.send(generalId, '@bob first');
    clock.advance(1000);
    const second = await carol.send(secret.id, 'and @bob second');
    const page = await mentionsOf(bob);
    expect(page.total).toBe(2);
    expect(page.nextBefore).toBeNull();
    expect(page.messages.map((m: Message) => [m.id, m.conversationId, m.authorId, m.text, m.createdAt])).toEqual([
      [second.id, secret.id, carol.id, 'and @bob second', second.createdAt],
      [first.id, generalId, alice.id, '@bob first', first.createdAt],
    ]);
  });

  it('pages with a cursor', async () => {
    const sent: number[] = [];
    for (let i = 0; i < 5; i++) sent.push((await alice.send(generalId, `@bob ${i}`)).id);
    const one = await mentionsOf(bob, '?limit=2');
    expect(idsOf(one)).toEqual([sent[4], sent[3]]);
    expect(one.total).toBe(5);
    const two = await mentionsOf(bob, `?limit=2&before=${one.nextBefore}`);
    expect(idsOf(two)).toEqual([sent[2], sent[1]]);
    const three = await mentionsOf(bob, `?limit=2&before=${two.nextBefore}`);
    expect(idsOf(three)).toEqual([sent[0]]);
    expect(three.nextBefore).toBeNull();
  });

  it('drops a mention once its conversation is read past it', async () => {
    const first = await alice.send(generalId, '@bob one');
    const second = await alice.send(generalId, '@bob two');
    await bob.markRead(generalId, first.seq);
    expect(idsOf(await mentionsOf(bob))).toEqual([second.id]);
    await bob.markRead(generalId, second.seq);
    expect(await mentionsOf(bob)).toEqual({ messages: [], nextBefore: null, total: 0 });
  });

  it('drops deleted messages', async () => {
    const message = await alice.send(generalId, '@bob oops');
    await alice.delete(message.id);
    expect(idsOf(await mentionsOf(bob))).toEqual([]);
  });

  it('forgets a private channel its reader left', async () => {
    const secret = await alice.createPrivateChannel('secret', ['bob']);
    await alice.send(secret.id, '@bob private');
    expect((await mentionsOf(bob)).total).toBe(1);
    await bob.leave(secret.id);
    expect(await mentionsOf(bob)).toEqual({ messages: [], nextBefore: null, total: 0 });
  });

  it('refuses bad cursors and needs a session', async () => {
    expect((await bob.http.get('/api/mentions?before=0')).status).toBe(400);
    expect((await bob.http.get('/api/mentions?limit=1000')).status).toBe(400);
    expect((await bob.http.get('/api/mentions?bogus=1')).status).toBe(400);
    expect((await new HttpClient(server.url).get('/api/mentions')).status).toBe(401);
  });
});
