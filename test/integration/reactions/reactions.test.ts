import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/shared/protocol/conversations.js';
import type { Message } from '../../../src/shared/protocol/messages.js';
import { connectAll, signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { assertInvariants } from '../../support/invariants.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created, event, type WsClient } from '../../support/ws-client.js';
import { react, reactRequest, summary, unreact, unreactRequest } from './support.js';

// Emojibase's spelling of thumbs up carries U+FE0F; people and other clients often send it without.
const THUMBS = '👍️';
const HEART = '❤️';

let server: TestServer;
let alice: ChatUser, bob: ChatUser, carol: ChatUser;
let aliceTab: WsClient, bobTab: WsClient;
let general: Conversation;
let hello: Message;
let names: Map<number, string>;

beforeEach(async () => {
  server = await startTestServer();
  [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
  [aliceTab, bobTab] = await connectAll(alice, bob);
  names = new Map([alice, bob, carol].map((u) => [u.id, u.username]));
  general = await alice.channel('general');
  hello = await alice.send(general.id, 'hello everyone');
});
afterEach(async () => {
  assertInvariants(server.db);
  await server.close();
});

describe('reacting to a message', () => {
  it('adds, counts in order, and takes back', async () => {
    expect(summary(await react(bob, hello.id, THUMBS), names)).toEqual({ [THUMBS]: ['bob'] });
    await react(carol, hello.id, HEART);
    const both = await react(alice, hello.id, THUMBS);
    expect(summary(both, names)).toEqual({ [THUMBS]: ['bob', 'alice'], [HEART]: ['carol'] });

    const history = await carol.history(general.id);
    expect(summary(history.messages.find((m) => m.id === hello.id) as Message, names)).toEqual({ [THUMBS]: ['bob', 'alice'], [HEART]: ['carol'] });

    expect(summary(await unreact(bob, hello.id, THUMBS), names)).toEqual({ [THUMBS]: ['alice'], [HEART]: ['carol'] });
    expect(summary(await unreact(carol, hello.id, HEART), names)).toEqual({ [THUMBS]: ['alice'] });
    expect((await unreact(alice, hello.id, THUMBS)).reactions).toEqual([]);
  });

  it('is idempotent both ways, without a new event for a change that changed nothing', async () => {
    const first = await react(bob, hello.id, THUMBS);
    await aliceTab.waitFor(event('message.updated', (e) => e.message.id === hello.id));
    const mark = aliceTab.mark();
    const again = await react(bob, hello.id, THUMBS);
    expect(again.reactions).toEqual(first.reactions);
    // The same emoji typed without its variation selector is the same reaction.
    expect((await react(bob, hello.id, '👍')).reactions).toEqual(first.reactions);
    expect((await unreact(carol, hello.id, THUMBS)).reactions).toEqual(first.reactions);

    const marker = await bob.send(general.id, 'marker');
    await aliceTab.expectNothingBefore(event('message.updated', (e) => e.message.id === hello.id), created(marker.id), { since: mark });

    await unreact(bob, hello.id, '👍');
    expect((await unreact(bob, hello.id, THUMBS)).reactions).toEqual([]);
  });

  it('stores the emoji in one spelling whichever way it was typed', async () => {
    await react(bob, hello.id, '❤');
    const message = await react(carol, hello.id, HEART);
    expect(message.reactions).toEqual([{ emoji: HEART, userIds: [bob.id, carol.id] }]);
  });

  it('reaches every member live with the full message, and /changes replays it', async () => {
    const before = (await bob.conversation(general.id)).lastSeq;
    await react(bob, hello.id, THUMBS);
    const live = await aliceTab.waitFor(event('message.updated', (e) => e.message.id === hello.id));
    expect(live.message.text).toBe('hello everyone');
    expect(live.message.reactions).toEqual([{ emoji: THUMBS, userIds: [bob.id] }]);
    expect(live.seq).toBe(before + 1);
    await bobTab.waitFor(event('message.updated', (e) => e.message.id === hello.id && e.seq === live.seq));

    const changes = await carol.changes(general.id, before);
    expect(changes.events).toEqual([{ type: 'message.updated', conversationId: general.id, seq: live.seq, message: live.message }]);
  });

  it('limits the number of different emoji on one message', async () => {
    const many = ['😀', '😃', '😄', '😁', '😆', '😅', '🤣', '😂', '🙂', '🙃', '🫠', '😉', '😊', '😇', '🥰', '😍', '🤩', '😘', '😗', '😚',
      '😙', '🥲', '😋', '😛', '😜', '🤪', '😝', '🤑', '🤗', '🤭', '🫢', '🫣', '🤫', '🤔', '🫡', '🤐', '🤨', '😐', '😑', '😶',
      '🫥', '😏', '😒', '🙄', '😬', '🤥', '🫨', '😌', '😔', '😪'];
    expect(many).toHaveLength(50);
    for (const emoji of many) await react(bob, hello.id, emoji);
    const refused = await reactRequest(carol, hello.id, THUMBS);
    expect(refused.status).toBe(409);
    expect(await errorOf(refused)).toMatchObject({ code: 'TOO_MANY_REACTIONS', message: expect.stringContaining('50 different reactions') });
    // Joining one already there is fine.
    expect((await react(carol, hello.id, '😀')).reactions[0]).toEqual({ emoji: '😀', userIds: [bob.id, carol.id] });
  });
});

describe('what cannot be reacted to', () => {
  it('a deleted message: its reactions go and nobody can add more', async () => {
    await react(bob, hello.id, THUMBS);
    await alice.delete(hello.id);
    const deleted = await bobTab.waitFor(event('message.deleted', (e) => e.message.id === hello.id));
    expect(deleted.message.reactions).toEqual([]);
    expect(server.db.prepare('SELECT count(*) AS n FROM reactions WHERE message_id = ?').get(hello.id)).toEqual({ n: 0 });
    for (const response of [await reactRequest(bob, hello.id, THUMBS), await unreactRequest(bob, hello.id, THUMBS)]) {
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('NOT_FOUND');
    }
  });

  it('a message that does not exist', async () => {
    expect((await reactRequest(bob, 999_999, THUMBS)).status).toBe(404);
  });

  it('a private channel’s message, for someone outside it, who learns nothing from the answer', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const secret = await alice.send(ops.id, 'secret plan');
    const refused = await reactRequest(carol, secret.id, THUMBS);
    expect(refused.status).toBe(404);
    expect(await errorOf(refused)).toEqual({ code: 'NOT_FOUND', message: 'No such message.' });
    // Even with a bad emoji the answer is the same.
    expect((await reactRequest(carol, secret.id, 'nope')).status).toBe(404);
    expect((await alice.history(ops.id)).messages.find((m) => m.id === secret.id)?.reactions).toEqual([]);
  });

  it('messages from before a late joiner came, while newer ones are fine', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const early = await alice.send(ops.id, 'before carol');
    await react(bob, early.id, THUMBS);
    await alice.addMember(ops.id, 'carol');
    const [carolTab] = await connectAll(carol);
    expect((await reactRequest(carol, early.id, THUMBS)).status).toBe(404);
    expect((await unreactRequest(carol, early.id, THUMBS)).status).toBe(404);

    // Nor does she hear about reactions to it.
    await react(alice, early.id, HEART);
    const later = await alice.send(ops.id, 'after carol');
    await carolTab.expectNothingBefore(event('message.updated', (e) => e.message.id === early.id), created(later.id));
    expect(summary(await react(carol, later.id, THUMBS), names)).toEqual({ [THUMBS]: ['carol'] });
    await carolTab.close();
  });
});
