import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS, type ErrorCode } from '../../../src/shared/protocol/errors.js';
import { ChatUser } from '../../support/chat-user.js';
import { HttpClient } from '../../support/http-client.js';
import { assertInvariants } from '../../support/invariants.js';
import { collectRoutes, type CollectedRoute } from '../../support/route-collector.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created } from '../../support/ws-client.js';
import { NASTY_PATH_PARAMS, NASTY_QUERIES, RAW_BODIES, hostileValue, validValue, type Hints, type JsonSchema, type RawBody } from './support/hostile-input.js';

// The HTTP API under hostile input, derived from the schemas the routes themselves registered (so a new route is
// fuzzed without anyone writing a line): malformed and hostile bodies, path parameters and queries, cookies and
// headers, then a fast-check run mixing valid and broken requests. Never a 5xx, every refusal a proper
// `{ error: { code, message } }`, and afterwards the database invariants hold and the server still works.

const RUNS = 1500;

let server: TestServer;
let routes: CollectedRoute[];
let fuzzer: ChatUser;
let buddy: ChatUser;
let client: HttpClient;
let conversationIds: number[];
let messageIds: number[];
const seen = new Map<number, number>();

beforeAll(async () => {
  const collector = collectRoutes();
  try {
    server = await startTestServer({ message_rate_limit_per_minute: 1_000_000 });
  } finally {
    collector.stop();
  }
  // The WebSocket has its own fuzz file; the static wildcard gets the traversal probe below.
  routes = collector.routes.filter((r) => !r.websocket);
  fuzzer = await ChatUser.signUp(server.url, 'fuzzer');
  buddy = await ChatUser.signUp(server.url, 'buddy');
  client = fuzzer.http;
  const general = await fuzzer.channel('general');
  const secret = await buddy.createPrivateChannel('buddy-only', []);
  const shared = await fuzzer.createPrivateChannel('shared', ['buddy']);
  const { conversation: dm } = await fuzzer.openDm(['buddy']);
  const sent = [await fuzzer.send(general.id, 'first'), await fuzzer.send(shared.id, 'second'), await buddy.send(secret.id, 'not yours')];
  conversationIds = [general.id, secret.id, shared.id, dm.id, 999_999];
  messageIds = [...sent.map((m) => m.id), 999_999];
});
afterAll(async () => {
  console.log(`fuzz-http: answers by status ${JSON.stringify(Object.fromEntries([...seen].sort(([a], [b]) => a - b)))}`);
  await server.close();
});

const CONNECTION_LEVEL = new Set([408, 431]);
const short = (path: string) => (path.length > 120 ? `${path.slice(0, 120)}… (${path.length} characters)` : path);

/** What is wrong with an answer, whatever was asked. */
async function problemsWith(response: Response): Promise<string[]> {
  seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
  const text = await response.text();
  const problems: string[] = [];
  if (response.status >= 500) problems.push(`${response.status}: ${text.slice(0, 300)}`);
  if (/\bat \S+ \(|node_modules|\/src\/server\//.test(text)) problems.push(`leaks internals: ${text.slice(0, 300)}`);
  // Refused by Node before Fastify routes anything (a request line or headers over 16 KiB, a request too slow):
  // Fastify's connection-level answer, in its own shape.
  if (response.status >= 400 && !CONNECTION_LEVEL.has(response.status)) {
    let code: unknown;
    try {
      code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    } catch {
      code = undefined;
    }
    if (typeof code !== 'string' || ERRORS[code as ErrorCode] !== response.status) problems.push(`${response.status} with body ${text.slice(0, 300)}`);
  }
  return problems;
}

/** Keeps the fuzzer signed in as itself: some requests log in as someone else, sign up or log out. */
async function afterCall(response: Response): Promise<void> {
  if (response.headers.getSetCookie().length === 0) return;
  const session = await client.boot();
  if (session.user?.id !== fuzzer.id) {
    client = new HttpClient(server.url);
    await client.logIn('fuzzer');
  }
}

function fill(url: string, id: string | number): string {
  return url.replace(':id', String(id)).replace('*', 'some/page');
}

async function send(method: string, path: string, body?: RawBody, headers: Record<string, string> = {}): Promise<string[]> {
  const init: Record<string, string> = { ...headers };
  if (body?.contentType) init['content-type'] = body.contentType;
  const response = await client.request(method, path, body === undefined ? { headers: init } : { rawBody: body.body, headers: init });
  const problems = (await problemsWith(response)).map((p) => `${method} ${short(path)}${body ? ` with ${body.label}` : ''}: ${p}`);
  await afterCall(response);
  return problems;
}

const withBody = () => routes.filter((r) => r.method !== 'GET');

describe('fuzzing the HTTP API', () => {
  it('collected the routes to fuzz', () => {
    expect(routes.length).toBeGreaterThanOrEqual(25);
  });

  it('refuses every malformed body on every route that takes one, cleanly', async () => {
    const problems: string[] = [];
    for (const route of withBody()) {
      for (const body of RAW_BODIES) problems.push(...(await send(route.method, fill(route.url, conversationIds[0] ?? 1), body)));
    }
    expect(problems).toEqual([]);
  });

  it('refuses nonsense path parameters and queries cleanly', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.url.includes(':id'))) {
      for (const id of NASTY_PATH_PARAMS) {
        const body = route.method === 'GET' ? undefined : { label: 'an empty object', contentType: 'application/json', body: '{}' };
        problems.push(...(await send(route.method, fill(route.url, id), body)));
      }
    }
    for (const route of routes.filter((r) => r.method === 'GET')) {
      for (const query of NASTY_QUERIES) problems.push(...(await send('GET', `${fill(route.url, conversationIds[0] ?? 1)}?${query}`)));
    }
    expect(problems).toEqual([]);
  });

  it('never serves a file from outside the web app', async () => {
    for (const path of ['/../../../../etc/passwd', '/..%2f..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2f..%2fpackage.json', '/..\\..\\package.json', '/%00', '/.env', '/minimost-data/minimost.db']) {
      const response = await fetch(`${server.url}${path}`);
      const text = await response.text();
      expect(text, path).not.toMatch(/root:x:0:0|"name": "minimost"|SQLite format/);
      expect(response.status, path).toBeLessThan(500);
    }
  });

  it('copes with hostile cookies and headers', async () => {
    const problems: string[] = [];
    const cases: Record<string, string>[] = [
      { cookie: 'mm_session=%E0%A4%A' },
      { cookie: `mm_session=${'A'.repeat(5000)}` },
      { cookie: 'mm_session=é; mm_csrf=é' },
      { cookie: 'mm_session; mm_csrf' },
      { cookie: '=; ==; ;;' },
      { 'x-csrf-token': 'é'.repeat(50) },
      { 'content-type': 'application/json; charset=utf-16' },
      { 'content-type': '*/*' },
      { origin: 'null' },
      { origin: 'http://127.0.0.1:1@evil.example' },
      { referer: '%' },
      { 'x-forwarded-for': '1.2.3.4', 'x-forwarded-host': 'evil.example' },
    ];
    for (const headers of cases) {
      for (const [method, path] of [['GET', '/api/conversations'], ['POST', `/api/conversations/${conversationIds[0] ?? 1}/read`]] as const) {
        const body = method === 'POST' ? { label: 'a read position', contentType: 'application/json', body: '{"seq": 1}' } : undefined;
        const sent = new HttpClient(server.url);
        for (const [name, value] of client.cookies) sent.cookies.set(name, value);
        sent.csrfToken = client.csrfToken;
        if ('cookie' in headers) sent.cookies.clear();
        const response = await sent.request(method, path, body ? { rawBody: body.body, headers: { 'content-type': body.contentType, ...headers } } : { headers });
        problems.push(...(await problemsWith(response)).map((p) => `${JSON.stringify(headers)} ${method} ${path}: ${p}`));
      }
    }
    expect(problems).toEqual([]);
  });

  it(`answers ${RUNS} random schema-derived requests, valid and broken, without a 5xx`, async () => {
    const hints: Hints = {
      id: fc.oneof(fc.constantFrom(...conversationIds, ...messageIds), fc.integer({ min: -5, max: 2_000_000 }), fc.constantFrom(...NASTY_PATH_PARAMS)),
      conversationId: fc.constantFrom(...conversationIds),
      replyToId: fc.oneof(fc.constantFrom(...messageIds), fc.constant(null)),
      seq: fc.integer({ min: -3, max: 1000 }),
      members: fc.array(fc.constantFrom('buddy', 'fuzzer', 'nobody', '@buddy', 'BUDDY', ''), { maxLength: 4 }),
      username: fc.constantFrom('buddy', 'fuzzer', 'nobody', 'x'.repeat(40)),
    };
    const request = fc.constantFrom(...routes).chain((route) => {
      const schema = (route.schema ?? {}) as { body?: JsonSchema; querystring?: JsonSchema };
      return fc.record({
        route: fc.constant(route),
        id: hints.id as fc.Arbitrary<unknown>,
        query: schema.querystring ? fc.oneof(validValue(schema.querystring, hints), hostileValue(schema.querystring, hints)) : fc.constant(undefined),
        body: schema.body ? fc.oneof(validValue(schema.body, hints), hostileValue(schema.body, hints)) : fc.option(fc.jsonValue({ maxDepth: 2 })),
        anonymous: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      });
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ route, id, query, body, anonymous }) => {
        let path = fill(route.url, String(id));
        if (query !== undefined && query !== null && typeof query === 'object') {
          const params = new URLSearchParams();
          for (const [key, value] of Object.entries(query)) params.append(key, typeof value === 'string' ? value : JSON.stringify(value));
          path += `?${params.toString()}`;
        }
        const raw: RawBody | undefined = route.method === 'GET' || body === undefined ? undefined : { label: 'schema-derived', contentType: 'application/json', body: JSON.stringify(body) };
        if (anonymous) {
          const stranger = new HttpClient(server.url);
          await stranger.boot();
          const response = await stranger.request(route.method, path, raw ? { rawBody: raw.body, headers: { 'content-type': 'application/json' } } : {});
          expect(await problemsWith(response)).toEqual([]);
        } else {
          expect(await send(route.method, path, raw)).toEqual([]);
        }
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 25_000 },
    );
  }, 45_000);

  it('leaves a consistent database and a server that still works', async () => {
    assertInvariants(server.db);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const watcher = await ChatUser.signUp(server.url, 'watcher');
    const tab = await watcher.connect();
    const general = await watcher.channel('general');
    const message = await buddy.send(general.id, 'still here after the fuzzing');
    await tab.waitFor(created(message.id));
    await tab.close();
  });
});
