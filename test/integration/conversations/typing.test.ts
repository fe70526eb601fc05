import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { createTestClock } from '../../support/test-clock.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created, event, type WsClient } from '../../support/ws-client.js';

let server: TestServer;
let clock: ReturnType<typeof createTestClock>;
let alice: ChatUser, bob: ChatUser, carol: ChatUser;
let aliceLaptop: WsClient, alicePhone: WsClient, bobTab: WsClient, carolTab: WsClient;
beforeEach(async () => {
  clock = createTestClock();
  server = await startTestServer({}, { clock });
  [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
  [aliceLaptop, alicePhone, bobTab, carolTab] = await Promise.all([alice.connect(), alice.connect(), bob.connect(), carol.connect()]);
});
afterEach(async () => {
  await server.close();
});

const typingBy = (user: ChatUser, conversationId: number) => event('typing', (e) => e.userId === user.id && e.conversationId === conversationId);

describe('typing', () => {
  it('reaches the other members of a private channel, not the typist’s own tabs and not outsiders', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    aliceLaptop.send({ type: 'typing.start', conversationId: ops.id });
    expect(await bobTab.waitFor(typingBy(alice, ops.id))).toEqual({ type: 'typing', conversationId: ops.id, userId: alice.id });

    // Bob's answer is sent after Alice's typing was delivered, so it works as a marker for her other tab.
    bobTab.send({ type: 'typing.start', conversationId: ops.id });
    await alicePhone.expectNothingBefore(typingBy(alice, ops.id), typingBy(bob, ops.id));
    await aliceLaptop.expectNothingBefore(typingBy(alice, ops.id), typingBy(bob, ops.id));

    const general = await alice.channel('general');
    const marker = await alice.send(general.id, 'marker');
    await carolTab.expectNothingBefore(event('typing', (e) => e.conversationId === ops.id), created(marker.id));
  });

  it('in a public channel, reaches everyone else', async () => {
    const general = await alice.channel('general');
    carolTab.send({ type: 'typing.start', conversationId: general.id });
    for (const tab of [aliceLaptop, alicePhone, bobTab]) await tab.waitFor(typingBy(carol, general.id));
    bobTab.send({ type: 'typing.start', conversationId: general.id });
    await carolTab.expectNothingBefore(typingBy(carol, general.id), typingBy(bob, general.id));
  });

  it('in a DM, reaches only the other person', async () => {
    const { conversation: dm } = await bob.openDm(['alice']);
    bobTab.send({ type: 'typing.start', conversationId: dm.id });
    await aliceLaptop.waitFor(typingBy(bob, dm.id));
    await alicePhone.waitFor(typingBy(bob, dm.id));
    const general = await carol.channel('general');
    bobTab.send({ type: 'typing.start', conversationId: general.id });
    await carolTab.expectNothingBefore(typingBy(bob, dm.id), typingBy(bob, general.id));
    expect(bobTab.received(typingBy(bob, dm.id))).toEqual([]);
  });

  it('reaches a tab that said which conversation it shows only for that one, and a tab that never said everywhere', async () => {
    const general = await alice.channel('general');
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const [onOps, onGeneral, onNothing] = await Promise.all([bob.connect(), bob.connect(), bob.connect()]);
    onOps.send({ type: 'view', conversationId: ops.id });
    onGeneral.send({ type: 'view', conversationId: general.id });
    onNothing.send({ type: 'view', conversationId: null });
    // Commands on one socket are handled in order: each tab's own typing, once relayed, shows its view was taken.
    const bobTyped = (conversationId: number, times: number) => aliceLaptop.waitForCount(typingBy(bob, conversationId), times);
    onOps.send({ type: 'typing.start', conversationId: ops.id });
    await bobTyped(ops.id, 1);
    onGeneral.send({ type: 'typing.start', conversationId: general.id });
    await bobTyped(general.id, 1);
    clock.advance(1_000);
    onNothing.send({ type: 'typing.start', conversationId: general.id });
    await bobTyped(general.id, 2);
    // Carol is not in ops: saying she shows it gets her nothing of it.
    carolTab.send({ type: 'view', conversationId: ops.id });
    carolTab.send({ type: 'typing.start', conversationId: general.id });
    await aliceLaptop.waitFor(typingBy(carol, general.id));
    clock.advance(1_000);

    aliceLaptop.send({ type: 'typing.start', conversationId: ops.id });
    await onOps.waitFor(typingBy(alice, ops.id));
    await bobTab.waitFor(typingBy(alice, ops.id));
    const marker = await alice.send(ops.id, 'marker');
    await onGeneral.expectNothingBefore(typingBy(alice, ops.id), created(marker.id));
    await onNothing.expectNothingBefore(typingBy(alice, ops.id), created(marker.id));
    const inGeneral = await alice.send(general.id, 'marker in general');
    await carolTab.expectNothingBefore(typingBy(alice, ops.id), created(inGeneral.id));

    // Switching conversations switches what typing the tab gets.
    onGeneral.send({ type: 'view', conversationId: ops.id });
    onGeneral.send({ type: 'typing.start', conversationId: ops.id });
    await bobTyped(ops.id, 2);
    aliceLaptop.send({ type: 'typing.start', conversationId: ops.id });
    await onGeneral.waitFor(typingBy(alice, ops.id));
  });

  it('refuses a view of anything but a conversation id or null, and keeps the socket', async () => {
    for (const conversationId of [0, -1, 1.5, '3', undefined]) bobTab.send({ type: 'view', conversationId } as never);
    const errors = await bobTab.waitForCount(event('error'), 5);
    expect(new Set(errors.map((e) => (e.type === 'error' ? e.code : '')))).toEqual(new Set(['BAD_REQUEST']));
    expect(bobTab.isOpen).toBe(true);
  });

  it('is not stored: nothing about it appears in history or changes, and a late tab hears only new typing', async () => {
    const general = await alice.channel('general');
    aliceLaptop.send({ type: 'typing.start', conversationId: general.id });
    await bobTab.waitFor(typingBy(alice, general.id));
    const before = await bob.conversation(general.id);
    const lateTab = await bob.connect();
    expect((await bob.conversation(general.id)).lastSeq).toBe(before.lastSeq);
    expect((await bob.changes(general.id, before.lastSeq)).events).toEqual([]);
    clock.advance(1_000);
    aliceLaptop.send({ type: 'typing.start', conversationId: general.id });
    await lateTab.waitFor(typingBy(alice, general.id));
    expect(lateTab.received(typingBy(alice, general.id))).toHaveLength(1);
  });

  it('is passed on once a second per person and conversation, however many tabs repeat it', async () => {
    const general = await alice.channel('general');
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    for (let i = 0; i < 5; i++) for (const tab of [aliceLaptop, alicePhone]) tab.send({ type: 'typing.start', conversationId: general.id });
    aliceLaptop.send({ type: 'typing.start', conversationId: ops.id });
    carolTab.send({ type: 'typing.start', conversationId: general.id });
    const marker = await alice.send(general.id, 'marker');
    await bobTab.waitFor(created(marker.id));
    expect(bobTab.received(typingBy(alice, general.id))).toHaveLength(1);
    expect(bobTab.received(typingBy(alice, ops.id))).toHaveLength(1);
    expect(bobTab.received(typingBy(carol, general.id))).toHaveLength(1);

    clock.advance(1_000);
    alicePhone.send({ type: 'typing.start', conversationId: general.id });
    await bobTab.waitFor(() => bobTab.received(typingBy(alice, general.id)).length === 2);
  });

  it('after a send, the next typing in that conversation is passed on at once, as the web app announces it', async () => {
    const general = await alice.channel('general');
    aliceLaptop.send({ type: 'typing.start', conversationId: general.id });
    await bobTab.waitFor(typingBy(alice, general.id));
    await alice.send(general.id, 'one thing');
    aliceLaptop.send({ type: 'typing.start', conversationId: general.id });
    await bobTab.waitFor(() => bobTab.received(typingBy(alice, general.id)).length === 2);
  });
});
