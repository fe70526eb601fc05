import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/shared/protocol/conversations.js';
import type { Message } from '../../../src/shared/protocol/messages.js';
import { connectAll, newClientId, signUpAll, type ChatUser } from '../../support/chat-user.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { about, created, event } from '../../support/ws-client.js';

// Alice and Bob share a private channel and a DM; Carol is in neither. Whatever Carol tries, both must look
// exactly like conversations that do not exist.
let server: TestServer;
let alice: ChatUser, bob: ChatUser, carol: ChatUser;
let ops: Conversation, dm: Conversation;
let opsMessage: Message, dmMessage: Message;

beforeAll(async () => {
  server = await startTestServer();
  [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
  ops = await alice.createPrivateChannel('ops', ['bob']);
  dm = (await alice.openDm(['bob'])).conversation;
  opsMessage = await alice.send(ops.id, 'ops secret');
  dmMessage = await alice.send(dm.id, 'dm secret');
});
afterAll(async () => {
  await server.close();
});

const MISSING = 999_999;

function routes(conversationId: number, messageId: number): [string, string, unknown?][] {
  return [
    ['GET', `/api/conversations/${conversationId}`],
    ['GET', `/api/conversations/${conversationId}/messages`],
    ['GET', `/api/conversations/${conversationId}/messages?before=5`],
    ['GET', `/api/conversations/${conversationId}/messages?around=${messageId}`],
    ['GET', `/api/conversations/${conversationId}/changes?after=0`],
    ['POST', `/api/conversations/${conversationId}/messages`, { clientId: newClientId(), text: 'let me in' }],
    ['POST', `/api/conversations/${conversationId}/messages`, { clientId: newClientId(), text: 'reply', replyToId: messageId }],
    ['PATCH', `/api/conversations/${conversationId}`, { name: 'hijacked' }],
    ['POST', `/api/conversations/${conversationId}/members`, { username: 'carol' }],
    ['POST', `/api/conversations/${conversationId}/leave`],
    ['POST', `/api/conversations/${conversationId}/close`],
    ['POST', `/api/conversations/${conversationId}/read`, { seq: 1 }],
    ['PATCH', `/api/messages/${messageId}`, { text: 'edited by carol' }],
    ['DELETE', `/api/messages/${messageId}`],
  ];
}

async function answer(user: ChatUser, [method, path, body]: [string, string, unknown?]): Promise<{ status: number; body: unknown }> {
  const response = await user.request(method, path, body);
  return { status: response.status, body: await response.json() };
}

describe('a non-member', () => {
  it.each([
    ['private channel', () => [ops.id, opsMessage.id] as const],
    ['direct message', () => [dm.id, dmMessage.id] as const],
  ])('gets the same 404 NOT_FOUND for every route of a %s as for one that does not exist', async (_kind, ids) => {
    const [conversationId, messageId] = ids();
    const real = routes(conversationId, messageId);
    const missing = routes(MISSING, MISSING);
    for (const [i, route] of real.entries()) {
      const got = await answer(carol, route);
      expect(got.status, `${route[0]} ${route[1]}`).toBe(404);
      expect(got.body, `${route[0]} ${route[1]}`).toMatchObject({ error: { code: 'NOT_FOUND' } });
      const nothing = await answer(carol, missing[i] as [string, string, unknown?]);
      expect(got, `${route[0]} ${route[1]} answers like a missing one`).toEqual(nothing);
    }

    // Nothing Carol tried changed anything.
    const page = await alice.history(conversationId);
    expect(page.messages.map((m) => [m.authorId, m.text])).toEqual([[alice.id, conversationId === ops.id ? 'ops secret' : 'dm secret']]);
    expect((await alice.conversation(conversationId)).memberIds).toEqual([alice.id, bob.id]);
    expect((await alice.conversation(conversationId)).name).toBe(conversationId === ops.id ? 'ops' : null);
    expect((await carol.conversations()).conversations.some((c) => c.id === conversationId)).toBe(false);
  });

  it('cannot quote a private message from a public channel; the refusal is the same as for a missing one', async () => {
    const general = await carol.channel('general');
    const quoted = await carol.sendRequest(general.id, 'what did they say?', { replyToId: opsMessage.id });
    const missing = await carol.sendRequest(general.id, 'what did they say?', { replyToId: MISSING });
    expect(quoted.status).toBe(400);
    const body = await quoted.json();
    expect(body).toMatchObject({ error: { code: 'INVALID_REPLY' } });
    expect(body).toEqual(await missing.json());
  });

  it('naming the same people plus herself opens a new group DM, never theirs', async () => {
    const { conversation, created: isNew } = await carol.openDm(['alice', 'bob']);
    expect(isNew).toBe(true);
    expect(conversation.id).not.toBe(dm.id);
    expect(conversation.memberIds).toEqual([alice.id, bob.id, carol.id]);
    expect((await carol.history(conversation.id)).messages).toEqual([]);
  });

  it('receives no event of any kind about conversations she is not in', async () => {
    const [aliceTab, bobTab, carolTab] = await connectAll(alice, bob, carol);
    for (const conversation of [ops, dm]) {
      const sent = await alice.send(conversation.id, `new in ${conversation.id}`);
      await bobTab.waitFor(created(sent.id));
      await alice.edit(sent.id, 'edited');
      await bobTab.waitFor(event('message.updated', (e) => e.message.id === sent.id));
      await alice.delete(sent.id);
      await bobTab.waitFor(event('message.deleted', (e) => e.message.id === sent.id));
      await bob.markRead(conversation.id, sent.seq);
      await aliceTab.waitFor(event('read.updated', (e) => e.conversationId === conversation.id && e.userId === bob.id));
      bobTab.send({ type: 'typing.start', conversationId: conversation.id });
      await aliceTab.waitFor(event('typing', (e) => e.conversationId === conversation.id));
    }
    await alice.rename(ops.id, 'ops-2');
    await bobTab.waitFor(event('conversation.updated', (e) => e.conversation.name === 'ops-2'));

    const general = await alice.channel('general');
    const marker = await alice.send(general.id, 'everyone gets this');
    await carolTab.expectNothingBefore((f) => about(ops.id)(f) || about(dm.id)(f), created(marker.id));
  });
});
