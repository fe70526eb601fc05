import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Call } from '../../../src/shared/protocol/calls.js';
import { connectAll, signUpAll, type ChatUser } from '../../support/chat-user.js';
import { createTestClock } from '../../support/test-clock.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created, event, type WsClient } from '../../support/ws-client.js';

let server: TestServer;
let clock: ReturnType<typeof createTestClock>;
let alice: ChatUser, bob: ChatUser, carol: ChatUser, dave: ChatUser;
let aliceTab: WsClient, bobTab: WsClient, carolTab: WsClient, daveTab: WsClient;
beforeEach(async () => {
  clock = createTestClock();
  server = await startTestServer({ call_ring_seconds: 20 }, { clock });
  [alice, bob, carol, dave] = await signUpAll(server.url, 'alice', 'bob', 'carol', 'dave');
  [aliceTab, bobTab, carolTab, daveTab] = await connectAll(alice, bob, carol, dave);
});
afterEach(async () => {
  await server.close();
});

const callIn = (conversationId: number, where: (call: Call) => boolean = () => true) =>
  event('call.updated', (e) => e.call.conversationId === conversationId && where(e.call));
const stateOf = (call: Call, user: ChatUser) => call.participants.find((p) => p.userId === user.id)?.state;
const notice = (conversationId: number, text: RegExp | string) =>
  event('message.created', (e) => e.conversationId === conversationId && e.message.kind === 'system' && (typeof text === 'string' ? e.message.text === text : text.test(e.message.text ?? '')));
const errorFrame = (code: string) => event('error', (e) => e.code === code);

async function dmCall(): Promise<{ dm: number; call: Call }> {
  const { conversation } = await alice.openDm(['bob']);
  aliceTab.send({ type: 'call.start', conversationId: conversation.id });
  const { call } = await bobTab.waitFor(callIn(conversation.id, (c) => stateOf(c, bob) === 'ringing'));
  return { dm: conversation.id, call };
}

describe('calls', () => {
  it('rings the other member of a DM; accepting makes it active; hanging up posts "Call ended" with the duration', async () => {
    const { dm, call } = await dmCall();
    expect(call).toMatchObject({ startedBy: alice.id, state: 'ringing', answeredAt: null });
    expect(stateOf(call, alice)).toBe('joined');
    bobTab.send({ type: 'call.join', callId: call.id });
    const active = await aliceTab.waitFor(callIn(dm, (c) => c.state === 'active'));
    expect(stateOf(active.call, bob)).toBe('joined');

    clock.advance(252_000);
    aliceTab.send({ type: 'ping' });
    bobTab.send({ type: 'ping' });
    aliceTab.send({ type: 'call.leave', callId: call.id });
    await bobTab.waitFor(callIn(dm, (c) => stateOf(c, alice) === 'left'));
    bobTab.send({ type: 'call.leave', callId: call.id });
    for (const tab of [aliceTab, bobTab]) {
      await tab.waitFor(event('call.ended', (e) => e.callId === call.id));
      await tab.waitFor(notice(dm, 'Call ended · 4m 12s'));
    }
    // Over and done: a new call can start straight away.
    aliceTab.send({ type: 'call.start', conversationId: dm });
    await bobTab.waitFor(callIn(dm, (c) => c.id !== call.id));
  });

  it('a decline by the only invitee ends the call with "Missed call from alice"', async () => {
    const { dm, call } = await dmCall();
    bobTab.send({ type: 'call.decline', callId: call.id });
    await aliceTab.waitFor(event('call.ended', (e) => e.callId === call.id));
    const missed = await bobTab.waitFor(notice(dm, 'Missed call from alice'));
    expect((await bob.history(dm)).messages.map((m) => m.text)).toContain(missed.message.text);
  });

  it('a call started the moment the last one ended is a new call, stored after the old one ended', async () => {
    const { conversation } = await alice.openDm(['bob']);
    const dm = conversation.id;
    const since = (tab: WsClient, mark: number, where: (call: Call) => boolean) => (f: Parameters<Parameters<WsClient['waitFor']>[0]>[0]) =>
      callIn(dm, where)(f) && tab.frames.indexOf(f) >= mark;
    for (let round = 0; round < 5; round++) {
      const mark = bobTab.mark();
      aliceTab.send({ type: 'call.start', conversationId: dm });
      const { call } = (await bobTab.waitFor(since(bobTab, mark, (c) => stateOf(c, bob) === 'ringing'))) as { call: Call };
      // Sent together: the decline ends the call, the start right behind it makes the next one.
      bobTab.send({ type: 'call.decline', callId: call.id });
      aliceTab.send({ type: 'call.start', conversationId: dm });
      const { call: next } = (await bobTab.waitFor(since(bobTab, mark, (c) => c.id !== call.id && stateOf(c, bob) === 'ringing'))) as { call: Call };
      aliceTab.send({ type: 'call.leave', callId: next.id });
      await bobTab.waitFor(event('call.ended', (e) => e.callId === next.id));
    }
    aliceTab.expectNone(event('error'));
    bobTab.expectNone(event('error'));
    const texts = (await alice.history(dm)).messages.map((m) => m.text);
    expect(texts.filter((t) => t === 'Missed call from alice')).toHaveLength(10);
  });

  it('a call started while the sweep is still writing the end of the last one is stored after it', async () => {
    const dm1 = (await alice.openDm(['bob'])).conversation.id;
    const dm2 = (await alice.openDm(['carol'])).conversation.id;
    const aliceSecondTab = await alice.connect();
    aliceTab.send({ type: 'call.start', conversationId: dm1 });
    aliceSecondTab.send({ type: 'call.start', conversationId: dm2 });
    await bobTab.waitFor(callIn(dm1));
    const { call: old } = await carolTab.waitFor(callIn(dm2));
    clock.advance(20_000);
    // Both rings run out in one sweep; before its writes are done, a new call starts in the second conversation.
    const sweeping = server.app.calls.sweep();
    const starting = server.app.calls.handle({ id: alice.id, username: 'alice' }, 424_242, { type: 'call.start', conversationId: dm2 });
    await Promise.all([sweeping, starting]);
    const { call: next } = await carolTab.waitFor(callIn(dm2, (c) => c.id !== old.id));
    expect(server.app.calls.get(next.id)).not.toBeNull();
    expect(server.db.prepare('SELECT id FROM calls WHERE ended_at IS NULL').all()).toEqual([{ id: next.id }]);
    expect((await carol.history(dm2)).messages.map((m) => m.text)).toEqual(['Missed call from alice']);
  });

  it('an unanswered ring stops after call_ring_seconds and posts the missed call', async () => {
    const { dm, call } = await dmCall();
    clock.advance(10_000);
    aliceTab.send({ type: 'ping' });
    await server.app.calls.sweep();
    expect(server.app.calls.get(call.id)).not.toBeNull();
    clock.advance(10_000);
    aliceTab.send({ type: 'ping' });
    await bobTab.waitFor(callIn(dm), 1000);
    await server.app.calls.sweep();
    await bobTab.waitFor(event('call.ended', (e) => e.callId === call.id));
    await aliceTab.waitFor(notice(dm, 'Missed call from alice'));
  });

  it('group call in a private channel: everyone rung; a decliner sees the call and can join; "Add person" rings again', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob', 'carol']);
    aliceTab.send({ type: 'call.start', conversationId: ops.id });
    const { call } = await carolTab.waitFor(callIn(ops.id, (c) => stateOf(c, carol) === 'ringing' && stateOf(c, bob) === 'ringing'));
    bobTab.send({ type: 'call.join', callId: call.id });
    carolTab.send({ type: 'call.decline', callId: call.id });
    await aliceTab.waitFor(callIn(ops.id, (c) => stateOf(c, carol) === 'declined' && c.state === 'active'));
    aliceTab.send({ type: 'call.invite', callId: call.id, userId: carol.id });
    await carolTab.waitFor(callIn(ops.id, (c) => stateOf(c, carol) === 'ringing'));
    carolTab.send({ type: 'call.join', callId: call.id });
    await bobTab.waitFor(callIn(ops.id, (c) => c.participants.filter((p) => p.state === 'joined').length === 3));

    // Alice leaves; Bob and Carol go on.
    aliceTab.send({ type: 'call.leave', callId: call.id });
    await carolTab.waitFor(callIn(ops.id, (c) => stateOf(c, alice) === 'left' && stateOf(c, bob) === 'joined'));
    // And she can come back.
    aliceTab.send({ type: 'call.join', callId: call.id });
    await carolTab.waitFor(callIn(ops.id, (c) => stateOf(c, alice) === 'joined'));
  });

  it('"Add person" is limited to members of the conversation', async () => {
    const { call } = await dmCall();
    aliceTab.send({ type: 'call.invite', callId: call.id, userId: carol.id });
    expect((await aliceTab.waitFor(errorFrame('FORBIDDEN'))).message).toMatch(/members of this conversation/);
  });

  it('public channels refuse calls with a clear error', async () => {
    const general = await alice.channel('general');
    aliceTab.send({ type: 'call.start', conversationId: general.id });
    expect((await aliceTab.waitFor(errorFrame('CALLS_NOT_ALLOWED'))).message).toMatch(/not public channels/);
  });

  it('two starts at once make one call', async () => {
    const { conversation } = await alice.openDm(['bob']);
    aliceTab.send({ type: 'call.start', conversationId: conversation.id });
    bobTab.send({ type: 'call.start', conversationId: conversation.id });
    const { call } = await aliceTab.waitFor(callIn(conversation.id, (c) => c.state === 'active'));
    expect(call.participants.map((p) => p.state)).toEqual(['joined', 'joined']);
  });

  it('relays signals only between participants of the call; a signal to anyone else is refused', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob', 'carol']);
    aliceTab.send({ type: 'call.start', conversationId: ops.id });
    const { call } = await bobTab.waitFor(callIn(ops.id));
    bobTab.send({ type: 'call.join', callId: call.id });
    await aliceTab.waitFor(callIn(ops.id, (c) => c.state === 'active'));
    const carolSecondTab = await carol.connect();
    const bobSecondTab = await bob.connect();

    const description = { type: 'offer' as const, sdp: 'v=0\r\n' };
    aliceTab.send({ type: 'signal', callId: call.id, to: bob.id, description });
    const relayed = await bobTab.waitFor(event('signal'));
    expect(relayed).toEqual({ type: 'signal', callId: call.id, from: alice.id, description });
    aliceTab.send({ type: 'signal', callId: call.id, to: bob.id, candidate: null });
    await bobTab.waitFor(event('signal', (e) => e.candidate === null));

    // Carol was rung but has not joined: no relay to her, and she cannot signal in.
    aliceTab.send({ type: 'signal', callId: call.id, to: carol.id, candidate: null });
    expect((await aliceTab.waitFor(errorFrame('NOT_FOUND'))).message).toMatch(/not in this call/);
    carolTab.send({ type: 'signal', callId: call.id, to: alice.id, description });
    await carolTab.waitFor(errorFrame('NOT_FOUND'));
    // Dave is not even a member.
    daveTab.send({ type: 'signal', callId: call.id, to: alice.id, description });
    await daveTab.waitFor(errorFrame('NOT_FOUND'));
    // Bob's other tab is not the one in the call.
    bobSecondTab.send({ type: 'signal', callId: call.id, to: alice.id, description });
    await bobSecondTab.waitFor(errorFrame('NOT_FOUND'));

    const marker = await alice.send(ops.id, 'marker');
    for (const tab of [carolTab, carolSecondTab, bobSecondTab]) await tab.expectNothingBefore(event('signal'), created(marker.id));
    const general = await alice.channel('general');
    const publicMarker = await alice.send(general.id, 'marker');
    await daveTab.expectNothingBefore(event('signal'), created(publicMarker.id));
    expect(aliceTab.received(event('signal'))).toEqual([]);
  });

  it('relays a tab\'s signals in the order sent; someone who left the channel can no longer signal', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    aliceTab.send({ type: 'call.start', conversationId: ops.id });
    const { call } = await bobTab.waitFor(callIn(ops.id));
    bobTab.send({ type: 'call.join', callId: call.id });
    await aliceTab.waitFor(callIn(ops.id, (c) => c.state === 'active'));
    aliceTab.send({ type: 'signal', callId: call.id, to: bob.id, description: { type: 'offer', sdp: 'v=0\r\n' } });
    for (let i = 0; i < 8; i++) aliceTab.send({ type: 'signal', callId: call.id, to: bob.id, candidate: { candidate: `candidate:${i} 1 udp 1 127.0.0.1 ${5000 + i} typ host` } });
    const relayed = await bobTab.waitForCount(event('signal'), 9);
    expect(relayed.map((f) => (f.type === 'signal' && f.candidate ? f.candidate.candidate.split(' ')[0] : 'offer'))).toEqual([
      'offer',
      ...Array.from({ length: 8 }, (_, i) => `candidate:${i}`),
    ]);

    await bob.leave(ops.id);
    bobTab.send({ type: 'signal', callId: call.id, to: alice.id, candidate: null });
    await bobTab.waitFor(errorFrame('NOT_FOUND'));
    const marker = await alice.send(ops.id, 'still here');
    await aliceTab.expectNothingBefore(event('signal'), created(marker.id));
  });

  it('a member who leaves the channel during a call leaves the call at once: the others see them go, signals stop', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob', 'carol', 'dave']);
    aliceTab.send({ type: 'call.start', conversationId: ops.id });
    const { call } = await bobTab.waitFor(callIn(ops.id));
    bobTab.send({ type: 'call.join', callId: call.id });
    carolTab.send({ type: 'call.join', callId: call.id });
    await aliceTab.waitFor(callIn(ops.id, (c) => stateOf(c, bob) === 'joined' && stateOf(c, carol) === 'joined'));

    await bob.leave(ops.id);
    // No wait for a sweep or a closed socket: the leave itself takes him out.
    const { call: after } = await aliceTab.waitFor(callIn(ops.id, (c) => stateOf(c, bob) === 'left'));
    expect(stateOf(after, alice)).toBe('joined');
    expect(stateOf(after, carol)).toBe('joined');
    expect(server.app.calls.get(call.id)?.participants.get(bob.id)?.state).toBe('left');
    await carolTab.waitFor(callIn(ops.id, (c) => stateOf(c, bob) === 'left'));
    // His tab is told the call is over for him, and hears nothing more of it.
    await bobTab.waitFor(event('call.ended', (e) => e.callId === call.id));
    const afterEnded = bobTab.mark();
    bobTab.send({ type: 'signal', callId: call.id, to: alice.id, candidate: null });
    await bobTab.waitFor((f) => f.type === 'error' && f.code === 'NOT_FOUND' && bobTab.frames.indexOf(f) >= afterEnded);
    aliceTab.send({ type: 'signal', callId: call.id, to: bob.id, candidate: null });
    expect((await aliceTab.waitFor(errorFrame('NOT_FOUND'))).message).toMatch(/not in this call/);
    bobTab.send({ type: 'call.join', callId: call.id });
    await bobTab.waitForCount(errorFrame('NOT_FOUND'), 2);

    // Dave, still being rung, leaves too: his ring stops.
    await dave.leave(ops.id);
    await aliceTab.waitFor(callIn(ops.id, (c) => stateOf(c, dave) === 'missed'));
    await daveTab.waitFor(event('call.ended', (e) => e.callId === call.id));
    // Alice and Carol go on; when the last of them leaves the channel the call ends with its notice.
    const marker = await alice.send(ops.id, 'still talking');
    await carolTab.waitFor(created(marker.id));
    bobTab.expectNone(callIn(ops.id), afterEnded);
    aliceTab.send({ type: 'call.leave', callId: call.id });
    await carolTab.waitFor(callIn(ops.id, (c) => stateOf(c, alice) === 'left'));
    await carol.leave(ops.id);
    await aliceTab.waitFor(event('call.ended', (e) => e.callId === call.id));
    await aliceTab.waitFor(notice(ops.id, /^Call ended · /));
    expect(server.app.calls.get(call.id)).toBeNull();
  });

  it('non-members cannot see, join, decline, invite or change media in a call', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    aliceTab.send({ type: 'call.start', conversationId: ops.id });
    const { call } = await bobTab.waitFor(callIn(ops.id));
    for (const command of [
      { type: 'call.start', conversationId: ops.id },
      { type: 'call.join', callId: call.id },
      { type: 'call.decline', callId: call.id },
      { type: 'call.invite', callId: call.id, userId: carol.id },
      { type: 'call.media', callId: call.id, media: { muted: true, camera: false, screen: false } },
    ]) {
      const mark = daveTab.mark();
      daveTab.send(command);
      const refusal = await daveTab.waitFor((f) => f.type === 'error' && daveTab.frames.indexOf(f) >= mark);
      expect(refusal).toMatchObject({ code: 'NOT_FOUND' });
    }
    // A new tab of a non-member is not told about the call; a member's is.
    const daveLate = await dave.connect();
    const bobLate = await bob.connect();
    await bobLate.waitFor(callIn(ops.id));
    daveLate.expectNone(event('call.updated'));
    daveTab.expectNone(event('call.updated'));
    expect(server.app.calls.get(call.id)?.participants.has(dave.id)).toBe(false);
  });

  it('a participant whose socket drops is removed; a call nobody is in is ended', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob', 'carol']);
    aliceTab.send({ type: 'call.start', conversationId: ops.id });
    const { call } = await bobTab.waitFor(callIn(ops.id));
    bobTab.send({ type: 'call.join', callId: call.id });
    carolTab.send({ type: 'call.join', callId: call.id });
    await aliceTab.waitFor(callIn(ops.id, (c) => stateOf(c, carol) === 'joined' && stateOf(c, bob) === 'joined'));
    await carolTab.terminate();
    await aliceTab.waitFor(callIn(ops.id, (c) => stateOf(c, carol) === 'left'));
    await bobTab.terminate();
    await aliceTab.waitFor(callIn(ops.id, (c) => stateOf(c, bob) === 'left'));
    await aliceTab.close();
    await expect.poll(async () => (await bob.history(ops.id)).messages.at(-1)?.text).toMatch(/^Call ended · /);
    expect(server.app.calls.get(call.id)).toBeNull();
  });

  it('a silent tab (no frames for 12 s) is taken out of the call', async () => {
    const { dm, call } = await dmCall();
    bobTab.send({ type: 'call.join', callId: call.id });
    await aliceTab.waitFor(callIn(dm, (c) => c.state === 'active'));
    clock.advance(12_000);
    // Alice's tab speaks (the typing frame reaching Bob proves the server read it); Bob's stays silent.
    const general = await alice.channel('general');
    aliceTab.send({ type: 'typing.start', conversationId: general.id });
    await bobTab.waitFor(event('typing'));
    await server.app.calls.sweep();
    const { call: after } = await aliceTab.waitFor(callIn(dm, (c) => stateOf(c, bob) === 'left'));
    expect(stateOf(after, alice)).toBe('joined');
  });

  it('media flags (mute, camera, a shared screen with its stream id) reach every member; unknown fields are refused', async () => {
    const { dm, call } = await dmCall();
    bobTab.send({ type: 'call.join', callId: call.id });
    await aliceTab.waitFor(callIn(dm, (c) => c.state === 'active'));
    const media = { muted: true, camera: false, screen: true, screenStreamId: '1c2f5d0e-screen' };
    aliceTab.send({ type: 'call.media', callId: call.id, media });
    const { call: shown } = await bobTab.waitFor(callIn(dm, (c) => c.participants.some((p) => p.media.screen)));
    expect(shown.participants.find((p) => p.userId === alice.id)?.media).toEqual(media);
    aliceTab.send({ type: 'call.media', callId: call.id, media: { ...media, script: '<b>' } });
    await aliceTab.waitFor(errorFrame('BAD_REQUEST'));
    // Only the tab in the call speaks for it.
    const bobOtherTab = await bob.connect();
    bobOtherTab.send({ type: 'call.media', callId: call.id, media });
    await bobOtherTab.waitFor(errorFrame('NOT_FOUND'));
  });

  it('a signal flood is cut off by the frame limit', async () => {
    const { dm, call } = await dmCall();
    bobTab.send({ type: 'call.join', callId: call.id });
    await aliceTab.waitFor(callIn(dm, (c) => c.state === 'active'));
    for (let i = 0; i < 100; i++) aliceTab.send({ type: 'signal', callId: call.id, to: bob.id, candidate: null });
    expect((await aliceTab.closed).code).toBe(1008);
    // Her tab is gone, so she is out of the call.
    await bobTab.waitFor(callIn(dm, (c) => stateOf(c, alice) === 'left'));
  });

  it('a server shutdown ends calls and says so', async () => {
    const { dm, call } = await dmCall();
    bobTab.send({ type: 'call.join', callId: call.id });
    await aliceTab.waitFor(callIn(dm, (c) => c.state === 'active'));
    await server.app.calls.endAll();
    await bobTab.waitFor(event('call.ended', (e) => e.callId === call.id));
    await bobTab.waitFor(notice(dm, /^Call ended · /));
  });
});
