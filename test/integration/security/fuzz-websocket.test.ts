import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientCommand } from '../../../src/shared/protocol/events.js';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { assertInvariants } from '../../support/invariants.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created, event, type WsClient } from '../../support/ws-client.js';
import { NASTY_NUMBERS, NASTY_STRINGS, hostileValue, validValue, type JsonSchema } from './support/hostile-input.js';

// The WebSocket protocol under hostile frames, derived from the ClientCommand schema: valid and broken commands,
// unknown types, binary and invalid UTF-8, deep JSON, oversized frames. A socket may be closed for what it sent —
// 1007 (invalid UTF-8), 1008 (flooding), 1009 (too big) — but never with an internal error, the server never
// crashes, and afterwards it still delivers to everyone and its database invariants hold.

const FRAMES = 400;
const BURST = 20; // under the 30-a-second limit, so most sockets live long enough to get many frames

let server: TestServer;
let alice: ChatUser;
let bob: ChatUser;
let conversationIds: number[];
const closeCodes = new Map<number, number>();
const totals = { sockets: 0, frames: 0, errorFrames: 0 };

beforeAll(async () => {
  server = await startTestServer();
  [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
  const general = await alice.channel('general');
  const secret = await bob.createPrivateChannel('bob-only', []);
  conversationIds = [general.id, secret.id, 999_999];
});
afterAll(async () => {
  console.log(`fuzz-websocket: ${totals.frames} frames on ${totals.sockets} sockets, ${totals.errorFrames} answered with an error frame; fuzz closes ${JSON.stringify(Object.fromEntries(closeCodes))}`);
  await server.close();
});

const ALLOWED_CLOSES = new Set([1007, 1008, 1009]);

const frame = (): fc.Arbitrary<string | Buffer> => {
  const schema = ClientCommand as unknown as JsonSchema;
  const hints = { conversationId: fc.oneof(fc.constantFrom(...conversationIds), fc.constantFrom(...NASTY_NUMBERS), fc.constantFrom(...NASTY_STRINGS.slice(0, 8))) };
  return fc.oneof(
    { weight: 3, arbitrary: validValue(schema, hints).map((v) => JSON.stringify(v)) },
    { weight: 4, arbitrary: fc.oneof(...(schema.anyOf ?? []).map((variant) => hostileValue(variant, hints))).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.record({ type: fc.oneof(fc.string(), fc.constantFrom('message.send', 'call.offer', 'signal', 'hello', '__proto__', 'constructor')), data: fc.jsonValue({ maxDepth: 2 }) }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.constantFrom(`${'['.repeat(20_000)}${']'.repeat(20_000)}`, '{"type":"ping","__proto__":{"x":1}}', '{"type":"typing.start","conversationId":1,"conversationId":"x"}') },
  );
};

/** Opens a tab and records how it ends; frames are sent in small bursts so the flood limit rarely trips. */
async function fuzzOneSocket(user: ChatUser, frames: (string | Buffer)[]): Promise<{ sent: number; errors: number; closed: number | null }> {
  const tab = await user.connect();
  let sent = 0;
  for (const item of frames) {
    if (!tab.isOpen) break;
    tab.send(item);
    sent++;
    if (sent % BURST === 0) await new Promise((resolve) => setTimeout(resolve, 1_050));
  }
  // Time for the last answers, or a close, to arrive.
  await Promise.race([tab.closed, new Promise((resolve) => setTimeout(resolve, 500))]);
  const errors = tab.received(event('error')).length;
  const closed = tab.isOpen ? null : (await tab.closed).code;
  if (closed !== null) closeCodes.set(closed, (closeCodes.get(closed) ?? 0) + 1);
  totals.sockets++;
  totals.frames += sent;
  totals.errorFrames += errors;
  if (tab.isOpen) await tab.close();
  return { sent, errors, closed };
}

describe('fuzzing the WebSocket protocol', () => {
  it(`survives ${FRAMES} schema-derived and malformed frames`, async () => {
    const frames = fc.sample(frame(), { numRuns: FRAMES, seed: 20_261_126 });
    const chunks: (string | Buffer)[][] = [];
    for (let i = 0; i < frames.length; i += 50) chunks.push(frames.slice(i, i + 50));
    const outcomes = await Promise.all(chunks.map((chunk, i) => fuzzOneSocket(i % 2 === 0 ? alice : bob, chunk)));
    for (const outcome of outcomes) {
      if (outcome.closed !== null) expect(ALLOWED_CLOSES, `closed with ${outcome.closed}`).toContain(outcome.closed);
    }
    expect(outcomes.reduce((n, o) => n + o.sent, 0)).toBeGreaterThan(FRAMES / 2);
  }, 40_000);

  it('closes for the right reasons: invalid UTF-8 (1007), a flood (1008), an oversized frame (1009)', async () => {
    const cases: [string, (tab: WsClient) => void, number][] = [
      ['invalid UTF-8 in a text frame', (tab) => tab.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }), 1007],
      ['a flood', (tab) => Array.from({ length: 40 }, () => tab.send({ type: 'ping' })), 1008],
      ['a 100 KiB frame', (tab) => tab.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(100 * 1024) })), 1009],
    ];
    for (const [label, act, code] of cases) {
      const tab = await alice.connect();
      act(tab);
      expect((await tab.closed).code, label).toBe(code);
    }
  });

  it('still delivers to everyone afterwards, with a consistent database', async () => {
    const [aliceTab, bobTab] = await Promise.all([alice.connect(), bob.connect()]);
    const general = await alice.channel('general');
    aliceTab.send({ type: 'typing.start', conversationId: general.id });
    await bobTab.waitFor(event('typing', (e) => e.userId === alice.id));
    const message = await bob.send(general.id, 'after the fuzzing');
    await aliceTab.waitFor(created(message.id));
    await Promise.all([aliceTab.close(), bobTab.close()]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    assertInvariants(server.db);
  });
});
