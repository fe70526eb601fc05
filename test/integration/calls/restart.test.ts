import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Call } from '../../../src/shared/protocol/calls.js';
import { ChatUser, connectAll, signUpAll } from '../../support/chat-user.js';
import { createTestClock } from '../../support/test-clock.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { event, type WsClient } from '../../support/ws-client.js';
import { freePort, startServerProcess, type ServerProcess } from '../../stress/support/server-process.js';

// Calls are written through to the database, so one the process did not live to end (kill -9, power cut) is
// ended at the next start: its notice is posted, measured to the last moment it was known to be going on, and no
// conversation is left "in a call".

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-calls-restart-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const callIn = (conversationId: number, where: (call: Call) => boolean = () => true) =>
  event('call.updated', (e) => e.call.conversationId === conversationId && where(e.call));

async function answeredCall(alice: ChatUser, aliceTab: WsClient, bobTab: WsClient): Promise<{ dm: number; call: Call }> {
  const { conversation } = await alice.openDm(['bob']);
  aliceTab.send({ type: 'call.start', conversationId: conversation.id });
  const { call } = await bobTab.waitFor(callIn(conversation.id));
  bobTab.send({ type: 'call.join', callId: call.id });
  await aliceTab.waitFor(callIn(conversation.id, (c) => c.state === 'active'));
  return { dm: conversation.id, call };
}

const systemTexts = async (user: ChatUser, conversationId: number) =>
  (await user.history(conversationId)).messages.filter((m) => m.kind === 'system').map((m) => m.text);

describe('calls across a crash', () => {
  it('the built server killed with SIGKILL mid-call: the next start ends the call with "Call ended · …" and announces no call', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    let server: ServerProcess = await startServerProcess(dataDir, port);
    cleanups.push(async () => {
      if (server.child.exitCode === null && server.child.signalCode === null) await server.kill9();
    });
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const [aliceTab, bobTab] = await connectAll(alice, bob);
    const { dm } = await answeredCall(alice, aliceTab, bobTab);
    // Long enough for the sweep's heartbeat (every 5 s) to record the call as going on after it was answered.
    for (let i = 0; i < 7; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      aliceTab.send({ type: 'ping' });
      bobTab.send({ type: 'ping' });
    }
    await server.kill9();
    expect(await systemTexts(alice, dm).catch(() => 'unreachable')).toBe('unreachable');

    server = await startServerProcess(dataDir, port);
    const aliceAgain = await ChatUser.logIn(server.url, 'alice');
    const texts = await systemTexts(aliceAgain, dm);
    const ended = texts.filter((t) => t?.startsWith('Call ended'));
    expect(ended).toHaveLength(1);
    const seconds = Number(/^Call ended · (\d+)s$/.exec(ended[0] ?? '')?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThanOrEqual(9);

    // Nobody is told about a call on connecting, and a new one starts at once.
    const bobAgain = await ChatUser.logIn(server.url, 'bob');
    const [aliceTab2, bobTab2] = await connectAll(aliceAgain, bobAgain);
    await aliceTab2.expectNothing(event('call.updated'), 300);
    aliceTab2.send({ type: 'call.start', conversationId: dm });
    await bobTab2.waitFor(callIn(dm, (c) => c.state === 'ringing'));
  }, 60_000);

  it('measures a crashed call to its last heartbeat, posts one notice only, and a ring nobody answered as missed', async () => {
    const dataDir = tempDir();
    const clock = createTestClock();
    // The first server is abandoned, not shut down: its preClose hook (which ends calls) has not run when the
    // second one opens the same database, as after a crash.
    const first: TestServer = await startTestServer({}, { clock, dataDir });
    let firstClosed = false;
    cleanups.push(async () => {
      if (!firstClosed) await first.close();
    });
    const [alice, bob] = await signUpAll(first.url, 'alice', 'bob');
    await alice.createPrivateChannel('ops', ['bob']);
    const [aliceTab, bobTab] = await connectAll(alice, bob);
    const { dm } = await answeredCall(alice, aliceTab, bobTab);
    const ops = (await alice.conversations()).conversations.find((c) => c.name === 'ops');
    if (!ops) throw new Error('no ops channel');
    // 4m 12s in steps shorter than the dead-peer limit, each proven read by the server (the typing frame arriving).
    for (let step = 1; step <= 28; step++) {
      clock.advance(9_000);
      aliceTab.send({ type: 'typing.start', conversationId: dm });
      bobTab.send({ type: 'typing.start', conversationId: dm });
      await bobTab.waitForCount(event('typing'), step);
      await aliceTab.waitForCount(event('typing'), step);
    }
    await first.app.calls.sweep();
    // A second call, in the private channel, still ringing at the crash.
    aliceTab.send({ type: 'call.start', conversationId: ops.id });
    await bobTab.waitFor(callIn(ops.id, (c) => c.state === 'ringing'));

    // Time the server was down does not count. (A clock of its own: the abandoned server's sweep still runs on the
    // first one, and must not see its peers go silent.)
    const second = await startTestServer({}, { clock: createTestClock(clock.now() + 3_600_000), dataDir });
    cleanups.push(() => second.close());
    expect(await systemTexts(alice, dm)).toContain('Call ended · 4m 12s');
    const aliceOnSecond = await ChatUser.logIn(second.url, 'alice');
    expect((await systemTexts(aliceOnSecond, dm)).filter((t) => t?.startsWith('Call ended'))).toEqual(['Call ended · 4m 12s']);
    expect((await systemTexts(aliceOnSecond, ops.id)).filter((t) => t?.startsWith('Missed call'))).toEqual(['Missed call from alice']);

    // The abandoned server shutting down late finds its calls already ended: no second notice.
    await first.close();
    firstClosed = true;
    expect((await systemTexts(aliceOnSecond, dm)).filter((t) => t?.startsWith('Call ended'))).toHaveLength(1);
    expect((await systemTexts(aliceOnSecond, ops.id)).filter((t) => t?.startsWith('Missed call'))).toHaveLength(1);
    const tab = await aliceOnSecond.connect();
    await tab.expectNothing(event('call.updated'), 300);
  });
});
