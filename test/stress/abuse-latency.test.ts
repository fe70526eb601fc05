import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { signUpAll, type ChatUser } from '../support/chat-user.js';
import { medianDeliveryMs } from '../support/delivery-timing.js';
import type { WsClient } from '../support/ws-client.js';
import { startAttacker, type FloodSpec } from './support/attacker.js';
import { printTable } from './support/report.js';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';

// One person crosses a limit over and over, as fast as the server answers, while Bob posts and Carol's tab
// receives. The abuse must be refused with its clear answer, and Carol must get Bob's messages about as fast as
// when all was quiet: the median delivery under abuse within twice the quiet median (the larger of before and
// after, so a machine that got busier meanwhile does not fail it). The server runs in its own process and the
// attacker in another (see attacker.ts); integration/security/limits.test.ts covers the same limits' answers.
//
// Bob's messages go GAP_MS apart, so each measure spans 3 s: long enough for a flood to settle into its steady
// pace (refusals held after the first few, see refusal-pacing.ts) rather than catching only its first burst.

const SAMPLES = 100;
const GAP_MS = 30;
const root = mkdtempSync(path.join(os.tmpdir(), 'minimost-abuse-'));
let server: ServerProcess | undefined;
const rows: Record<string, string | number>[] = [];

afterEach(async () => {
  if (server && server.child.exitCode === null) await server.stop();
  server = undefined;
});
afterAll(() => {
  printTable(`other people while one person floods the server (delivery medians over ${SAMPLES} messages, ${GAP_MS} ms apart)`, rows);
  rmSync(root, { recursive: true, force: true });
});

/** Median time from Bob posting to Carol's tab receiving, over SAMPLES messages sent one by one. */
const deliveryMs = (bob: ChatUser, carolTab: WsClient, conversationId: number) => medianDeliveryMs(bob, carolTab, conversationId, SAMPLES, GAP_MS);

interface Case {
  name: string;
  settings: Record<string, number>;
  flood: Omit<FloodSpec, 'baseUrl' | 'username' | 'conversationId' | 'maxSeconds'> & { username?: string };
  /** What the attacker must have been answered, and nothing else. */
  answers: string[];
  /** Done before the quiet measure, as the attacker (who is signed up as `mallory`). */
  prepare?: (mallory: ChatUser) => Promise<unknown>;
}

const CASES: Case[] = [
  {
    name: 'tabs past max_sockets_per_user',
    settings: { max_sockets_per_user: 3 },
    flood: { kind: 'tabs', parallel: 4 },
    answers: ['4429'],
    prepare: (mallory) => Promise.all([mallory.connect(), mallory.connect(), mallory.connect()]),
  },
  { name: 'typing events, 200 per tab', settings: {}, flood: { kind: 'typing', parallel: 10 }, answers: ['1008'] },
  {
    name: 'sends past message_rate_limit_per_minute',
    // Room for Bob's 3 × 100 timed messages and his warm-up within the minute.
    settings: { message_rate_limit_per_minute: 400 },
    flood: { kind: 'sends', parallel: 4, readyOn: '429' },
    answers: ['201', '429 RATE_LIMITED'],
  },
  {
    name: 'messages of 150,000 characters',
    settings: {},
    flood: { kind: 'oversized-messages', parallel: 4 },
    answers: ['413 MESSAGE_TOO_LONG'],
  },
  {
    // Each of these is written to disk (up to the limit) before it can be judged, and on one disk with the database
    // that slows everyone's commits: what keeps it up is upload_rate_limit_per_minute, past which they go unread.
    name: 'uploads of 2 MB over max_upload_mb = 1, past upload_rate_limit_per_minute (20)',
    settings: { max_upload_mb: 1, upload_rate_limit_per_minute: 20 },
    flood: { kind: 'oversized-uploads', parallel: 4, readyOn: '429' },
    answers: ['413 FILE_TOO_LARGE', '429 RATE_LIMITED'],
  },
  {
    name: 'password guesses past login_rate_limit_per_minute',
    settings: { login_rate_limit_per_minute: 5 },
    flood: { kind: 'logins', parallel: 4, readyOn: '429', username: 'carol' },
    answers: ['401 INVALID_CREDENTIALS', '429 RATE_LIMITED'],
  },
  {
    name: 'request bodies sent a byte every 50 ms, cut by request_timeout_seconds = 1',
    settings: { request_timeout_seconds: 1 },
    flood: { kind: 'slow-bodies', parallel: 50 },
    answers: ['408'],
  },
];

describe('limits under a flood, measured from outside', () => {
  for (const c of CASES) {
    it(`${c.name}: refused every time, and others' messages arrive within twice the quiet time`, async () => {
      // Bob's timed messages must not meet the per-person send limit, except where it is what is tested.
      const settings = { message_rate_limit_per_minute: 1_000_000, ...c.settings };
      const env = Object.fromEntries(Object.entries(settings).map(([key, value]) => [`MINIMOST_${key.toUpperCase()}`, String(value)]));
      server = await startServerProcess(path.join(root, c.flood.kind), await freePort(), env);
      const [mallory, bob, carol] = (await signUpAll(server.url, 'mallory', 'bob', 'carol')) as [ChatUser, ChatUser, ChatUser];
      const general = await bob.channel('general');
      const carolTab = await carol.connect();
      await c.prepare?.(mallory);
      for (let i = 0; i < 5; i++) await bob.send(general.id, `warm-up ${i}`);
      const quietBefore = await deliveryMs(bob, carolTab, general.id);

      const attacker = startAttacker({ ...c.flood, baseUrl: server.url, username: c.flood.username ?? 'mallory', conversationId: general.id, maxSeconds: 60 });
      await attacker.ready;
      const loaded = await deliveryMs(bob, carolTab, general.id);
      const report = await attacker.stop();
      const quietAfter = await deliveryMs(bob, carolTab, general.id);

      const baseline = Math.max(quietBefore, quietAfter);
      rows.push({
        abuse: c.name,
        'attacker got': Object.entries(report.answers)
          .map(([answer, count]) => `${answer} ×${count}`)
          .join(', '),
        'answers/s': Math.round(report.perSecond),
        'quiet before ms': quietBefore,
        'under abuse ms': loaded,
        'quiet after ms': quietAfter,
        ratio: `${(loaded / baseline).toFixed(2)}×`,
      });
      expect(Object.keys(report.answers).sort()).toEqual([...c.answers].sort());
      expect(report.perSecond).toBeGreaterThan(0);
      expect(loaded).toBeLessThanOrEqual(2 * baseline);
    });
  }
});
