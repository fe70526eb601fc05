import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSettings } from '../../../src/server/config/index.js';
import { CLOSE_TOO_MANY_SOCKETS } from '../../../src/server/realtime/socket.routes.js';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf, HttpClient } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { WsClient, created } from '../../support/ws-client.js';
import { uploadRequest } from '../uploads/support.js';
import { medianDeliveryMs } from '../../support/delivery-timing.js';

// Each limit answers the one who crosses it with a clear refusal, and everyone else carries on: their messages
// still arrive while it is crossed. Here the abuse runs in this same process as the server, on the same cores, so
// the timing check is only a coarse guard (within twice the quiet median or 50 ms of it); the 2× figure itself is
// measured with the server and the attacker in processes of their own in test/stress/abuse-latency.test.ts. The
// exact answers to message size and the per-person send limit are covered in conversations/{messages,sending}.test.ts,
// login limits in login.test.ts; here each limit is crossed over and over while someone else's messages are timed.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const deliveryMs = (sender: ChatUser, watcher: WsClient, conversationId: number, count = 10) => medianDeliveryMs(sender, watcher, conversationId, count);

/** `quiet` is measured before and after the abuse, so a machine that got busier meanwhile does not fail it. */
function expectUnaffected(label: string, quiet: [number, number], loaded: number): void {
  const baseline = Math.max(...quiet);
  console.log(`${label}: median delivery ${quiet.map((q) => q.toFixed(1)).join(' / ')} ms quiet (before / after), ${loaded.toFixed(1)} ms under abuse`);
  expect(loaded).toBeLessThanOrEqual(Math.max(2 * baseline, baseline + 50));
}

/**
 * Runs `abuse` in `parallel` loops; once `ready` holds for what it returned so far (the limit has been reached),
 * measures delivery with `measure`, then stops the loops.
 */
async function whileAbusing<T>(abuse: () => Promise<T>, ready: (results: T[]) => boolean, measure: () => Promise<number>, parallel = 4): Promise<{ results: T[]; loaded: number }> {
  const results: T[] = [];
  let running = true;
  const loops = Promise.all(
    Array.from({ length: parallel }, async () => {
      while (running) results.push(await abuse());
    }),
  );
  for (let waited = 0; !ready(results) && waited < 10_000; waited += 20) await sleep(20);
  const loaded = await measure();
  running = false;
  await loops;
  return { results, loaded };
}

const tally = (values: readonly (number | string)[]) => [...new Set(values)].map((v) => `${v}×${values.filter((x) => x === v).length}`).join(' ');

describe('WebSocket connections per person (max_sockets_per_user)', () => {
  it('closes the tab past the limit with 4429 and a reason; other people and freed slots are unaffected', async () => {
    server = await startTestServer({ max_sockets_per_user: 3 });
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const tabs = await Promise.all([alice.connect(), alice.connect(), alice.connect()]);

    const fourth = await WsClient.attempt(alice.http);
    expect(fourth).toBeInstanceOf(WsClient);
    const closed = await (fourth as WsClient).closed;
    expect(closed).toEqual({ code: CLOSE_TOO_MANY_SOCKETS, reason: 'too many open tabs (at most 3)' });
    expect((fourth as WsClient).frames).toEqual([]);

    // Tabs opening at the same moment cannot slip through together.
    const burst = await Promise.all(Array.from({ length: 5 }, () => WsClient.attempt(alice.http) as Promise<WsClient>));
    expect((await Promise.all(burst.map((tab) => tab.closed))).map((c) => c.code)).toEqual(Array(5).fill(CLOSE_TOO_MANY_SOCKETS));

    const bobTab = await bob.connect();
    const general = await bob.channel('general');
    const message = await bob.send(general.id, 'alice still gets this on her three tabs');
    for (const tab of [...tabs, bobTab]) await tab.waitFor(created(message.id));

    await tabs[0]?.close();
    const replacement = await alice.connect();
    expect(replacement.isOpen).toBe(true);
  });

  it('keeps refusing tab after tab with 4429 while other people’s messages arrive as fast as before', async () => {
    server = await startTestServer({ max_sockets_per_user: 3 });
    const [mallory, bob, carol] = await signUpAll(server.url, 'mallory', 'bob', 'carol');
    const general = await bob.channel('general');
    const carolTab = await carol.connect();
    await Promise.all([mallory.connect(), mallory.connect(), mallory.connect()]);
    const quiet = await deliveryMs(bob, carolTab, general.id);

    const { results, loaded } = await whileAbusing(
      async () => {
        const tab = await WsClient.attempt(mallory.http);
        return tab instanceof WsClient ? (await tab.closed).code : tab;
      },
      (codes) => codes.length >= 5,
      () => deliveryMs(bob, carolTab, general.id),
    );
    expect(new Set(results)).toEqual(new Set([CLOSE_TOO_MANY_SOCKETS]));
    expectUnaffected(`tabs past the limit (${results.length} refused)`, [quiet, await deliveryMs(bob, carolTab, general.id)], loaded);
  });

  it('defaults to 20 tabs, and to 30 seconds for a request to arrive', () => {
    const defaults = buildSettings({}, new Map(), {});
    expect(defaults.max_sockets_per_user).toBe(20);
    expect(defaults.request_timeout_seconds).toBe(30);
  });
});

describe('a flood of typing events', () => {
  it('closes the flooding sockets with 1008 while other people’s messages keep arriving', async () => {
    server = await startTestServer();
    const [mallory, bob, carol] = await signUpAll(server.url, 'mallory', 'bob', 'carol');
    const general = await bob.channel('general');
    const carolTab = await carol.connect();
    const quiet = await deliveryMs(bob, carolTab, general.id);

    let floods = 0;
    const closes: number[] = [];
    let flooding = true;
    const flood = (async () => {
      while (flooding) {
        const tabs = await Promise.all(Array.from({ length: 10 }, () => mallory.connect()));
        for (const tab of tabs) for (let i = 0; i < 200 && tab.isOpen; i++) tab.send({ type: 'typing.start', conversationId: general.id });
        closes.push(...(await Promise.all(tabs.map((tab) => tab.closed))).map((c) => c.code));
        floods++;
      }
    })();
    await sleep(200);
    const loaded = await deliveryMs(bob, carolTab, general.id);
    flooding = false;
    await flood;

    expect(floods).toBeGreaterThan(0);
    expect(new Set(closes)).toEqual(new Set([1008]));
    // Carol saw at most the first 30 a second of each flooding socket: the rest never left the server.
    const typing = carolTab.received((f) => f.type === 'typing').length;
    expect(typing).toBeLessThanOrEqual(closes.length * 30);
    expectUnaffected(`typing flood (${closes.length} sockets closed, ${typing} typing events reached carol)`, [quiet, await deliveryMs(bob, carolTab, general.id)], loaded);
  });
});

describe('one person crossing the size and rate limits over and over', () => {
  it('sends past message_rate_limit_per_minute get 429 for that person only, and others are not slowed', async () => {
    // Room for bob's 30 timed messages within the minute; mallory goes through hers at once.
    server = await startTestServer({ message_rate_limit_per_minute: 40 });
    const [mallory, bob, carol] = await signUpAll(server.url, 'mallory', 'bob', 'carol');
    const general = await bob.channel('general');
    const carolTab = await carol.connect();
    const quiet = await deliveryMs(bob, carolTab, general.id);

    const { results, loaded } = await whileAbusing(
      async () => (await mallory.sendRequest(general.id, 'spam')).status,
      (statuses) => statuses.includes(429),
      () => deliveryMs(bob, carolTab, general.id),
    );
    expect(results.filter((s) => s === 201)).toHaveLength(40);
    expect(new Set(results)).toEqual(new Set([201, 429]));
    expect((await errorOf(await mallory.sendRequest(general.id, 'one more'))).code).toBe('RATE_LIMITED');
    expectUnaffected(`message flood (${tally(results)})`, [quiet, await deliveryMs(bob, carolTab, general.id)], loaded);
  });

  it('messages over 10,000 characters get 413 MESSAGE_TOO_LONG, and others are not slowed', async () => {
    server = await startTestServer({ message_rate_limit_per_minute: 1_000_000 });
    const [mallory, bob, carol] = await signUpAll(server.url, 'mallory', 'bob', 'carol');
    const general = await bob.channel('general');
    const carolTab = await carol.connect();
    const quiet = await deliveryMs(bob, carolTab, general.id);

    // Two at a time: each body is built and sent by this same process, whose time is the server's too.
    const huge = 'x'.repeat(150_000);
    const { results, loaded } = await whileAbusing(
      async () => {
        const response = await mallory.sendRequest(general.id, huge);
        return `${response.status} ${(await errorOf(response)).code}`;
      },
      (answers) => answers.length > 0,
      () => deliveryMs(bob, carolTab, general.id),
      2,
    );
    expect(new Set(results)).toEqual(new Set(['413 MESSAGE_TOO_LONG']));
    expectUnaffected(`oversized messages (${results.length} refused)`, [quiet, await deliveryMs(bob, carolTab, general.id)], loaded);
  });

  it('files over max_upload_mb get 413 FILE_TOO_LARGE, and others are not slowed', async () => {
    server = await startTestServer({ max_upload_mb: 1, message_rate_limit_per_minute: 1_000_000, upload_rate_limit_per_minute: 1_000_000 });
    const [mallory, bob, carol] = await signUpAll(server.url, 'mallory', 'bob', 'carol');
    const general = await bob.channel('general');
    const carolTab = await carol.connect();
    const quiet = await deliveryMs(bob, carolTab, general.id);

    const big = { name: 'big.bin', bytes: new Uint8Array(2 * 1024 * 1024).fill(7) };
    const { results, loaded } = await whileAbusing(
      async () => {
        const response = await uploadRequest(mallory, general.id, [big]);
        return `${response.status} ${(await errorOf(response)).code}`;
      },
      (answers) => answers.length > 0,
      () => deliveryMs(bob, carolTab, general.id),
      2,
    );
    expect(new Set(results)).toEqual(new Set(['413 FILE_TOO_LARGE']));
    expectUnaffected(`oversized uploads (${results.length} refused)`, [quiet, await deliveryMs(bob, carolTab, general.id)], loaded);
  });
});

describe('login attempts flooding from one address', () => {
  it('get 429 while signed-in people keep chatting at full speed', async () => {
    server = await startTestServer({ login_rate_limit_per_minute: 5 });
    const [bob, carol] = await signUpAll(server.url, 'bob', 'carol');
    const general = await bob.channel('general');
    const carolTab = await carol.connect();
    const quiet = await deliveryMs(bob, carolTab, general.id);

    const attacker = new HttpClient(server.url);
    await attacker.boot();
    const statuses: number[] = [];
    let attacking = true;
    const attack = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (attacking) statuses.push((await attacker.post('/api/auth/login', { username: 'carol', password: 'Guess-Number-1' })).status);
      }),
    );
    for (let waited = 0; !statuses.includes(429) && waited < 10_000; waited += 20) await sleep(20);
    const loaded = await deliveryMs(bob, carolTab, general.id);
    attacking = false;
    await attack;

    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([401, 429]));
    expectUnaffected(`login flood (${statuses.length} attempts, ${statuses.filter((s) => s === 429).length} refused 429)`, [quiet, await deliveryMs(bob, carolTab, general.id)], loaded);
  });
});

describe('slow requests (request_timeout_seconds)', () => {
  /** Opens a raw connection and sends `head`, then one byte of `drip` every `everyMs`; resolves when the server hangs up. */
  function slowClient(port: number, head: string, drip: string, everyMs: number): Promise<{ answer: string; afterMs: number }> {
    return new Promise((resolve) => {
      const started = performance.now();
      const socket = net.connect(port, '127.0.0.1');
      let answer = '';
      let i = 0;
      const timer = setInterval(() => {
        if (i < drip.length) socket.write(drip.charAt(i++));
      }, everyMs);
      socket.on('connect', () => socket.write(head));
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ answer, afterMs: performance.now() - started });
      });
      // Bounded however the server behaves.
      setTimeout(() => socket.destroy(), 10_000);
    });
  }

  it('cuts off a body or headers sent a byte at a time, while other people are served', async () => {
    server = await startTestServer({ request_timeout_seconds: 1 });
    const [bob, carol] = await signUpAll(server.url, 'bob', 'carol');
    const general = await bob.channel('general');
    const carolTab = await carol.connect();
    const quiet = await deliveryMs(bob, carolTab, general.id, 5);
    const port = Number(new URL(server.url).port);

    // A browser-like request that passes every check, so the server waits for its body.
    const browser = new HttpClient(server.url);
    await browser.boot();
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const head = (length: number) =>
      `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${server?.url}\r\nCookie: ${cookie}\r\n` +
      `X-CSRF-Token: ${browser.csrfToken}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    const body = JSON.stringify({ username: 'slowloris', password: 'x'.repeat(500) });
    const slowBody = slowClient(port, head(body.length), body, 100);
    const slowHeaders = slowClient(port, 'GET /api/session HTTP/1.1\r\n', `Host: 127.0.0.1:${port}\r\nX-Padding: ${'p'.repeat(200)}\r\n\r\n`, 100);
    const silent = slowClient(port, '', '', 100);
    const crowd = Array.from({ length: 20 }, () => slowClient(port, head(200_000), 'x'.repeat(200), 50));
    const loaded = await deliveryMs(bob, carolTab, general.id, 5);

    for (const slow of [await slowBody, await slowHeaders, await silent, ...(await Promise.all(crowd))]) {
      expect(slow.answer).toMatch(/^HTTP\/1\.1 408 /);
      // The timeout plus Node's check interval (a quarter of it), with room for a busy machine.
      expect(slow.afterMs).toBeLessThan(4_000);
    }
    expectUnaffected('22 slow connections cut after 1 s', [quiet, await deliveryMs(bob, carolTab, general.id, 5)], loaded);
  });

  it('leaves idle WebSockets and idle keep-alive connections alone', async () => {
    server = await startTestServer({ request_timeout_seconds: 1 });
    const [bob, carol] = await signUpAll(server.url, 'bob', 'carol');
    const carolTab = await carol.connect();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<number>((resolve, reject) => {
        http.get(`${server?.url}/healthz`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        }).on('error', reject);
      });
    expect(await get()).toBe(200);
    await sleep(2_500);
    expect(await get()).toBe(200);
    agent.destroy();

    expect(carolTab.isOpen).toBe(true);
    const general = await bob.channel('general');
    const message = await bob.send(general.id, 'still connected');
    await carolTab.waitFor(created(message.id));
  });
});
