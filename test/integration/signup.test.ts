import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, STRONG_PASSWORD, errorOf } from '../support/http-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const userCount = () => (server.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;

describe('sign up', () => {
  it('creates the account, signs the person in and keeps the typed casing', async () => {
    const client = new HttpClient(server.url);
    const response = await client.signUp('Alice_1');
    expect(response.status).toBe(201);
    const body = (await response.json()) as { user: { id: number; username: string }; csrfToken: string };
    expect(body.user.username).toBe('Alice_1');
    expect(client.cookies.get('mm_session')).toBeTruthy();
    const session = await client.boot();
    expect(session.user).toEqual(body.user);
    const stored = server.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(body.user.id) as { password_hash: string };
    expect(stored.password_hash.startsWith('$argon2id$')).toBe(true);
  });

  it('refuses a name already taken in any casing', async () => {
    const before = userCount();
    const response = await new HttpClient(server.url).signUp('ALICE_1');
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({ code: 'USERNAME_TAKEN' });
    expect(userCount()).toBe(before);
  });

  it.each(['', 'a'.repeat(33), 'has space', 'dot.name', 'émile', 'semi;colon', '<script>'])('refuses the username %j', async (name) => {
    const response = await new HttpClient(server.url).signUp(name);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('INVALID_USERNAME');
    expect(error.message).toMatch(/1 to 32 letters, digits/);
  });

  it.each(['minimost', 'System', 'EVERYONE', 'here', 'channel', 'DeletedUser'])('refuses the reserved name %s', async (name) => {
    const response = await new HttpClient(server.url).signUp(name);
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'RESERVED_USERNAME' });
  });

  it('accepts the edges of the username rules', async () => {
    expect((await new HttpClient(server.url).signUp('b')).status).toBe(201);
    expect((await new HttpClient(server.url).signUp('x'.repeat(32))).status).toBe(201);
    expect((await new HttpClient(server.url).signUp('we-are_9')).status).toBe(201);
  });

  it.each([
    ['Short-1a', ['min-length']],
    ['alllowercase-123', ['upper']],
    ['ALLUPPERCASE-123', ['lower']],
    ['No-Digits-Here!', ['digit']],
    ['NoSpecials12345', ['special']],
    ['short', ['min-length', 'upper', 'digit', 'special']],
  ])('names every broken password rule for %j', async (password, rules) => {
    const before = userCount();
    const client = new HttpClient(server.url);
    await client.boot();
    const response = await client.post('/api/auth/signup', { username: 'carol', password, confirmPassword: password });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('WEAK_PASSWORD');
    expect(error.details).toEqual({ rules });
    expect(userCount()).toBe(before);
  });

  it('refuses a password over 1024 characters and a mismatched confirmation', async () => {
    const client = new HttpClient(server.url);
    await client.boot();
    const long = `Aa1!${'x'.repeat(1021)}`;
    const tooLong = await client.post('/api/auth/signup', { username: 'dave', password: long, confirmPassword: long });
    expect(await errorOf(tooLong)).toMatchObject({ code: 'WEAK_PASSWORD', details: { rules: ['max-length'] } });
    const mismatch = await client.post('/api/auth/signup', { username: 'dave', password: STRONG_PASSWORD, confirmPassword: `${STRONG_PASSWORD}x` });
    expect(mismatch.status).toBe(400);
    expect(await errorOf(mismatch)).toMatchObject({ code: 'PASSWORD_MISMATCH' });
  });
});

describe('bad input', () => {
  it('answers missing fields, wrong types and unknown fields with a clear 400', async () => {
    const client = new HttpClient(server.url);
    await client.boot();
    for (const body of [{}, { username: 'x' }, { username: 1, password: 'p', confirmPassword: 'p' }, { username: 'x', password: 'p', confirmPassword: 'p', admin: true }, [], 'text', null]) {
      const response = await client.post('/api/auth/signup', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toMatch(/^Invalid request: /);
    }
  });

  it('refuses malformed JSON, invalid UTF-8, __proto__ keys and deep nesting', async () => {
    const client = new HttpClient(server.url);
    await client.boot();
    const json = { 'content-type': 'application/json' };
    const cases: [BodyInit, RegExp][] = [
      ['{"username": ', /not valid JSON/],
      [Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), /not valid UTF-8/],
      ['{"__proto__": {"admin": true}, "username": "x"}', /__proto__/],
      ['['.repeat(100_000) + ']'.repeat(100_000), /JSON|too large/],
    ];
    for (const [rawBody, message] of cases) {
      const response = await client.request('POST', '/api/auth/signup', { rawBody, headers: json });
      expect([400, 413]).toContain(response.status);
      expect((await errorOf(response)).message).toMatch(message);
    }
  });

  it('refuses an oversize body with 413 and a non-JSON body with 415', async () => {
    const client = new HttpClient(server.url);
    await client.boot();
    const huge = await client.post('/api/auth/signup', { username: 'x', password: 'y'.repeat(300_000), confirmPassword: '' });
    expect(huge.status).toBe(413);
    expect(await errorOf(huge)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const form = await client.request('POST', '/api/auth/signup', { rawBody: 'username=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(await errorOf(form)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers unknown API routes with a JSON 404 and never leaks a stack trace', async () => {
    const client = new HttpClient(server.url);
    await client.boot();
    for (const [method, path] of [['GET', '/api/nope'], ['POST', '/api/nope'], ['DELETE', '/api/auth/login'], ['GET', '/missing.js']] as const) {
      const response = await client.request(method, path);
      expect(response.status, `${method} ${path}`).toBe(404);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
    }
  });
});
