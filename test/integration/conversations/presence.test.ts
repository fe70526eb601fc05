import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { createTestClock } from '../../support/test-clock.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { event, presenceChange, type WsClient } from '../../support/ws-client.js';

const MINUTE = 60_000;

let server: TestServer;
let clock: ReturnType<typeof createTestClock>;
let alice: ChatUser, bob: ChatUser, carol: ChatUser;
let bobTab: WsClient;
beforeEach(async () => {
  clock = createTestClock();
  server = await startTestServer({}, { clock });
  [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
  bobTab = await bob.connect();
});
afterEach(async () => {
  await server.close();
});

const presenceOf = (user: ChatUser, status?: string) => presenceChange(user.id, status);

/** Bob watches Alice: waits for her next status and checks it is the one expected. */
async function expectAliceNext(status: string, since: number): Promise<number> {
  const next = await bobTab.waitFor((f) => bobTab.frames.indexOf(f) >= since && presenceOf(alice)(f));
  expect(next.type === 'presence' && next.changes.filter((c) => c.userId === alice.id)).toEqual([{ userId: alice.id, status }]);
  return bobTab.frames.indexOf(next) + 1;
}

describe('presence', () => {
  it('goes active → idle after 5 minutes without input → hidden → offline, and everyone sees each step', async () => {
    let at = bobTab.mark();
    const aliceTab = await alice.connect();
    at = await expectAliceNext('active', at);

    // 4:59 without input is still active. Carol coming online afterwards is the marker.
    clock.advance(5 * MINUTE - 1000);
    server.app.presence.sweep();
    await carol.connect();
    await bobTab.expectNothingBefore(presenceOf(alice), presenceOf(carol, 'active'), { since: at });

    clock.advance(1000);
    server.app.presence.sweep();
    at = await expectAliceNext('idle', at);
    const carolHello = (await carol.connect()).frames[0];
    expect(carolHello?.type === 'hello' && [...carolHello.presence].sort((a, b) => a.userId - b.userId)).toEqual(
      [{ userId: alice.id, status: 'idle' }, { userId: bob.id, status: 'idle' }, { userId: carol.id, status: 'active' }].sort((a, b) => a.userId - b.userId),
    );

    // Input makes her active again and restarts the 5 minutes.
    aliceTab.send({ type: 'presence.set', state: 'active' });
    at = await expectAliceNext('active', at);
    clock.advance(4 * MINUTE);
    server.app.presence.sweep();
    aliceTab.send({ type: 'presence.set', state: 'hidden' });
    at = await expectAliceNext('hidden', at);

    await aliceTab.close();
    at = await expectAliceNext('offline', at);
    const hello = (await carol.connect()).frames[0];
    expect(hello?.type === 'hello' && hello.presence.find((p) => p.userId === bob.id)).toEqual({ userId: bob.id, status: 'idle' });
    expect(hello?.type === 'hello' && hello.presence.some((p) => p.userId === alice.id)).toBe(false);
  });

  it('with several tabs the liveliest wins, and offline comes only when the last one goes (dropped or closed)', async () => {
    let at = bobTab.mark();
    const laptop = await alice.connect();
    at = await expectAliceNext('active', at);
    const phone = await alice.connect();
    laptop.send({ type: 'presence.set', state: 'hidden' });
    phone.send({ type: 'presence.set', state: 'idle' });
    at = await expectAliceNext('idle', at);

    await phone.terminate();
    at = await expectAliceNext('hidden', at);
    await laptop.terminate();
    await expectAliceNext('offline', at);
  });

  it('a manual "appear away" or "appear offline" overrides it, survives reconnecting and tells only her tabs the choice', async () => {
    let at = bobTab.mark();
    const laptop = await alice.connect();
    const phone = await alice.connect();
    at = await expectAliceNext('active', at);

    await alice.setPresenceOverride('away');
    for (const tab of [laptop, phone]) expect(await tab.waitFor(event('presence.override'))).toEqual({ type: 'presence.override', override: 'away' });
    at = await expectAliceNext('idle', at);

    await alice.setPresenceOverride('offline');
    at = await expectAliceNext('offline', at);
    // Input and new tabs do not betray her while she appears offline.
    laptop.send({ type: 'presence.set', state: 'active' });
    const again = await alice.connect();
    await carol.connect();
    await bobTab.expectNothingBefore(presenceOf(alice), presenceOf(carol, 'active'), { since: at });
    const hello = (await carol.connect()).frames[0];
    expect(hello?.type).toBe('hello');
    expect(hello?.type === 'hello' && hello.presence.some((p) => p.userId === alice.id)).toBe(false);

    await alice.setPresenceOverride(null);
    await again.waitFor(event('presence.override', (e) => e.override === null));
    await expectAliceNext('active', at);
    expect(bobTab.received(event('presence.override'))).toEqual([]);

    const bad = await alice.request('PUT', '/api/presence', { override: 'busy' });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('VALIDATION_FAILED');
  });
});
