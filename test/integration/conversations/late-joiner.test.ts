import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/shared/protocol/conversations.js';
import type { Message } from '../../../src/shared/protocol/messages.js';
import { connectAll, signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created, event, type WsClient } from '../../support/ws-client.js';

// Alice and Bob talk in a private channel; Carol is added later and must learn nothing from before she came.
let server: TestServer;
let alice: ChatUser, bob: ChatUser, carol: ChatUser;
let aliceTab: WsClient, bobTab: WsClient, carolTab: WsClient;
let ops: Conversation;
let early1: Message, early2: Message;
let joinSeq: number;

beforeEach(async () => {
  server = await startTestServer();
  [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
  [aliceTab, bobTab, carolTab] = await connectAll(alice, bob, carol);
  ops = await alice.createPrivateChannel('ops', ['bob']);
  early1 = await alice.send(ops.id, 'before carol: the old plan');
  early2 = await bob.send(ops.id, 'before carol: the budget is 10k\nsecond line');
  await alice.addMember(ops.id, 'carol');
  joinSeq = (await carol.conversation(ops.id)).historyFromSeq;
});
afterEach(async () => {
  await server.close();
});

describe('a member added later', () => {
  it('sees history only from the moment they joined', async () => {
    expect(joinSeq).toBe(early2.seq);
    const later = await bob.send(ops.id, 'after carol joined');

    const page = await carol.history(ops.id);
    expect(page.messages.map((m) => m.text)).toEqual(['alice added carol', 'after carol joined']);
    expect(page.hasMore).toBe(false);
    const older = await carol.history(ops.id, `?before=${joinSeq + 1}`);
    expect(older.messages).toEqual([]);
    expect(older.hasMore).toBe(false);

    const around = await carol.http.get(`/api/conversations/${ops.id}/messages?around=${early1.id}`);
    expect(around.status).toBe(404);
    const aroundLater = await carol.history(ops.id, `?around=${later.id}`);
    expect(aroundLater.messages.map((m) => m.text)).toEqual(['alice added carol', 'after carol joined']);

    // Bob, a member from the start, still sees everything.
    expect((await bob.history(ops.id)).messages.map((m) => m.text)).toEqual([early1.text, early2.text, 'alice added carol', 'after carol joined']);
  });

  it('gets no changes to earlier messages, neither from /changes nor live', async () => {
    await alice.edit(early1.id, 'before carol: the NEW plan');
    await bobTab.waitFor(event('message.updated', (e) => e.message.id === early1.id));
    await bob.delete(early2.id);
    await bobTab.waitFor(event('message.deleted', (e) => e.message.id === early2.id));
    const later = await alice.send(ops.id, 'after the edits');

    await carolTab.expectNothingBefore(
      (f) => (f.type === 'message.updated' || f.type === 'message.deleted' || f.type === 'message.created') && f.message.seq <= joinSeq,
      created(later.id),
    );
    const changes = await carol.changes(ops.id, 0);
    expect(changes.reset).toBe(false);
    expect(changes.events.map((e) => [e.type, e.message.text])).toEqual([
      ['message.created', 'alice added carol'],
      ['message.created', 'after the edits'],
    ]);
    // Bob, by contrast, is told about both.
    const bobChanges = await bob.changes(ops.id, later.seq - 3);
    expect(bobChanges.events.map((e) => [e.type, e.message.id])).toEqual([
      ['message.updated', early1.id],
      ['message.deleted', early2.id],
      ['message.created', later.id],
    ]);
  });

  it('sees replies to earlier messages without the parent’s author or words', async () => {
    const reply = await bob.send(ops.id, 'as I said above', { replyToId: early2.id });
    expect(reply.replyTo).toEqual({ id: early2.id, authorId: bob.id, text: 'before carol: the budget is 10k', deleted: false });

    const withheld = { id: early2.id, authorId: null, text: null, deleted: false };
    expect((await carolTab.waitFor(created(reply.id))).message.replyTo).toEqual(withheld);
    expect((await aliceTab.waitFor(created(reply.id))).message.replyTo).toEqual(reply.replyTo);
    expect((await carol.history(ops.id)).messages.at(-1)?.replyTo).toEqual(withheld);
    expect((await carol.changes(ops.id, joinSeq)).events.at(-1)?.message.replyTo).toEqual(withheld);
    expect((await carol.history(ops.id, `?around=${reply.id}`)).messages.at(-1)?.replyTo).toEqual(withheld);

    // An edit of that reply reaches Carol with the preview still withheld.
    await bob.edit(reply.id, 'as I said above (edited)');
    const edited = await carolTab.waitFor(event('message.updated', (e) => e.message.id === reply.id));
    expect(edited.message.replyTo).toEqual(withheld);
  });

  it('cannot reply to, edit or delete what came before', async () => {
    const general = await carol.channel('general');
    const reply = await carol.sendRequest(ops.id, 'quoting the past', { replyToId: early1.id });
    expect(reply.status).toBe(400);
    expect((await errorOf(reply)).code).toBe('INVALID_REPLY');
    // Her own later messages, though, she can quote; a public message she cannot quote here.
    const mine = await carol.send(ops.id, 'my first words here');
    await carol.send(ops.id, 'quoting myself', { replyToId: mine.id });
    const elsewhere = await carol.send(general.id, 'in general');
    expect((await errorOf(await carol.sendRequest(ops.id, 'cross-quote', { replyToId: elsewhere.id }))).code).toBe('INVALID_REPLY');

    for (const [method, body] of [
      ['PATCH', { text: 'rewrite' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await carol.request(method, `/api/messages/${early1.id}`, body);
      expect(response.status).toBe(404);
    }
  });

  it('counts only messages after joining as unread', async () => {
    expect((await carol.conversation(ops.id)).unreadCount).toBe(0);
    await bob.send(ops.id, 'one');
    await alice.send(ops.id, 'two');
    const view = await carol.conversation(ops.id);
    expect(view.unreadCount).toBe(2);
    expect(view.readSeq).toBe(joinSeq);
  });

  it('who leaves and is added again starts over from the new join point', async () => {
    await carol.send(ops.id, 'carol was here');
    await carol.leave(ops.id);
    await alice.send(ops.id, 'while carol was away');
    await bob.addMember(ops.id, 'carol');
    const page = await carol.history(ops.id);
    expect(page.messages.map((m) => m.text)).toEqual(['bob added carol']);
    expect((await carol.changes(ops.id, 0)).events.map((e) => e.message.text)).toEqual(['bob added carol']);
  });
});
