import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/shared/protocol/messages.js';
import type { PinList } from '../../../src/shared/protocol/pin-list.js';
import { expectStatus, signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { createTestClock } from '../../support/test-clock.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { event } from '../../support/ws-client.js';

let server: TestServer;
let clock: ReturnType<typeof createTestClock>;
let alice: ChatUser, bob: ChatUser, carol: ChatUser;
let generalId: number;

beforeEach(async () => {
  clock = createTestClock();
  server = await startTestServer({}, { clock });
  [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
  generalId = (await alice.channel('general')).id;
});
afterEach(async () => {
  await server.close();
});

const pin = (user: ChatUser, messageId: number) => user.request('PUT', `/api/messages/${messageId}/pin`);
const unpin = (user: ChatUser, messageId: number) => user.request('DELETE', `/api/messages/${messageId}/pin`);
const pinsOf = async (user: ChatUser, conversationId: number) =>
  (await expectStatus<PinList>(await user.http.get(`/api/conversations/${conversationId}/pins`), 200)).messages;

describe('pins', () => {
  it('any member pins any message; everyone sees it live; the list is newest pin first', async () => {
    const carolTab = await carol.connect();
    const first = await alice.send(generalId, 'first');
    const second = await alice.send(generalId, 'second');
    const pinned = await expectStatus<Message>(await pin(bob, first.id), 200);
    expect(pinned.pinned).toEqual({ userId: bob.id, at: clock.now() });
    const update = await carolTab.waitFor(event('message.updated', (e) => e.message.id === first.id));
    expect(update.message.pinned).toEqual({ userId: bob.id, at: clock.now() });
    expect(update.seq).toBeGreaterThan(second.seq);
    clock.advance(1000);
    await expectStatus(await pin(carol, second.id), 200);
    clock.advance(1000);
    expect((await pinsOf(alice, generalId)).map((m) => m.id)).toEqual([second.id, first.id]);
    // Pinning again changes nothing (no new event); the first pin stays bob's.
    expect((await expectStatus<Message>(await pin(alice, first.id), 200)).pinned?.userId).toBe(bob.id);
  });

  it('unpins from anyone, live, and unpinning twice is harmless', async () => {
    const carolTab = await carol.connect();
    const message = await alice.send(generalId, 'pin me');
    await expectStatus(await pin(alice, message.id), 200);
    // The answer and the event travel on different connections, in either order: the pin's event is taken first.
    await carolTab.waitFor((f) => f.type === 'message.updated' && f.message.id === message.id && f.message.pinned !== null);
    const at = carolTab.mark();
    const unpinned = await expectStatus<Message>(await unpin(bob, message.id), 200);
    expect(unpinned.pinned).toBeNull();
    const update = await carolTab.waitFor((f) => carolTab.frames.indexOf(f) >= at && f.type === 'message.updated' && f.message.id === message.id);
    expect(update.type === 'message.updated' && update.message.pinned).toBeNull();
    expect(await pinsOf(carol, generalId)).toEqual([]);
    expect((await expectStatus<Message>(await unpin(bob, message.id), 200)).pinned).toBeNull();
  });

  it('refuses the 51st pin with a clear message', async () => {
    const messages: Message[] = [];
    for (let i = 0; i < 51; i++) messages.push(await alice.send(generalId, `message ${i}`));
    for (const message of messages.slice(0, 50)) await expectStatus(await pin(alice, message.id), 200);
    const refused = await pin(bob, (messages[50] as Message).id);
    expect(refused.status).toBe(409);
    expect(await errorOf(refused)).toEqual({ code: 'TOO_MANY_PINS', message: 'This conversation already has 50 pinned messages; unpin one first.' });
    expect(await pinsOf(alice, generalId)).toHaveLength(50);
    await expectStatus(await unpin(alice, (messages[0] as Message).id), 200);
    await expectStatus(await pin(bob, (messages[50] as Message).id), 200);
  });

  it('lets only one of two people pinning at once take the last place', async () => {
    const messages: Message[] = [];
    for (let i = 0; i < 51; i++) messages.push(await alice.send(generalId, `message ${i}`));
    for (const message of messages.slice(0, 49)) await expectStatus(await pin(alice, message.id), 200);
    const answers = await Promise.all([pin(bob, (messages[49] as Message).id), pin(carol, (messages[50] as Message).id)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await pinsOf(alice, generalId)).toHaveLength(50);
  });

  it('refuses system and deleted messages, and hides other conversations', async () => {
    const secret = await alice.createPrivateChannel('secret', ['bob']);
    await alice.addMember(secret.id, 'carol');
    const notice = (await alice.history(secret.id)).messages.find((m) => m.kind === 'system') as Message;
    const refused = await pin(alice, notice.id);
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toBe('System messages cannot be pinned.');

    const gone = await alice.send(generalId, 'gone');
    await alice.delete(gone.id);
    expect((await pin(bob, gone.id)).status).toBe(404);

    const hidden = await alice.send(secret.id, 'secret');
    await bob.leave(secret.id);
    expect((await pin(bob, hidden.id)).status).toBe(404);
    expect((await unpin(bob, hidden.id)).status).toBe(404);
    expect((await bob.http.get(`/api/conversations/${secret.id}/pins`)).status).toBe(404);
    expect((await pin(bob, 999_999)).status).toBe(404);
  });

  it('a deleted message leaves the pin list', async () => {
    const message = await alice.send(generalId, 'short-lived');
    await expectStatus(await pin(bob, message.id), 200);
    await alice.delete(message.id);
    expect(await pinsOf(bob, generalId)).toEqual([]);
  });

  it('a reconnecting client catches up on pins and unpins through /changes', async () => {
    const one = await alice.send(generalId, 'one');
    const two = await alice.send(generalId, 'two');
    await expectStatus(await pin(alice, one.id), 200);
    await expectStatus(await pin(alice, two.id), 200);
    await expectStatus(await unpin(alice, one.id), 200);
    const changes = await bob.changes(generalId, two.seq);
    expect(changes.events.map((e) => e.type === 'message.updated' && [e.message.id, e.message.pinned?.userId ?? null])).toEqual([
      [two.id, alice.id],
      [one.id, null],
    ]);
  });
});
