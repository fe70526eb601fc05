import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, errorOf } from '../support/http-client.js';
import { createTestClock } from '../support/test-clock.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function auditEvents(file: string): { event: string; outcome: string; username?: string; ip?: string; time: string }[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

describe('log in', () => {
  it('accepts the username in any casing and records the success', async () => {
    server = await startTestServer();
    await new HttpClient(server.url).signUp('Alice');
    const client = new HttpClient(server.url);
    const response = await client.logIn('aLiCe');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: { username: string } }).user.username).toBe('Alice');
    expect((await client.boot()).user?.username).toBe('Alice');
    const events = auditEvents(server.auditFile);
    expect(events.map((e) => e.event)).toEqual(['account.created', 'login.succeeded']);
    expect(events[1]).toMatchObject({ outcome: 'success', username: 'Alice', ip: '127.0.0.1' });
  });

  it('gives an unknown user and a wrong password the same answer, after the same delay', async () => {
    const clock = createTestClock();
    server = await startTestServer({ login_failure_delay_ms: 3000 }, { clock });
    await new HttpClient(server.url).signUp('alice');
    const client = new HttpClient(server.url);
    const wrong = await client.logIn('alice', 'Wrong-Password-1');
    const unknown = await client.logIn('nobody', 'Wrong-Password-1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await errorOf(wrong)).toEqual(await errorOf(unknown));
    expect(clock.sleeps).toEqual([3000, 3000]);
    expect(auditEvents(server.auditFile).filter((e) => e.event === 'login.failed')).toHaveLength(2);
  });

  it('really waits 3 seconds on a failure without blocking other requests', async () => {
    server = await startTestServer({ login_failure_delay_ms: 3000 });
    await new HttpClient(server.url).signUp('alice');
    const client = new HttpClient(server.url);
    await client.boot();
    const started = performance.now();
    const failing = client.post('/api/auth/login', { username: 'alice', password: 'Wrong-Password-1' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const healthStarted = performance.now();
    const health = await fetch(`${server.url}/healthz`);
    const healthMs = performance.now() - healthStarted;
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(1000);
    const response = await failing;
    const elapsed = performance.now() - started;
    expect(response.status).toBe(401);
    expect(elapsed).toBeGreaterThanOrEqual(2990);
    expect(elapsed).toBeLessThan(6000);
  });

  it('locks after 5 failures for 15 minutes, even for the right password, then unlocks', async () => {
    const clock = createTestClock();
    server = await startTestServer({}, { clock });
    await new HttpClient(server.url).signUp('alice');
    const client = new HttpClient(server.url);
    for (let i = 0; i < 5; i++) expect((await client.logIn('alice', 'Wrong-Password-1')).status).toBe(401);
    const locked = await client.logIn('alice');
    expect(locked.status).toBe(423);
    const error = await errorOf(locked);
    expect(error.code).toBe('ACCOUNT_LOCKED');
    expect(error.message).toMatch(/locked.*15 minutes/);
    clock.advance(14 * 60_000);
    expect((await client.logIn('alice')).status).toBe(423);
    clock.advance(60_000 + 1);
    expect((await client.logIn('alice')).status).toBe(200);
    const events = auditEvents(server.auditFile).map((e) => e.event);
    expect(events.filter((e) => e === 'login.locked')).toHaveLength(2);
  });

  it('resets the failure count after a success and treats unknown names alike', async () => {
    const clock = createTestClock();
    server = await startTestServer({}, { clock });
    await new HttpClient(server.url).signUp('alice');
    const client = new HttpClient(server.url);
    for (let i = 0; i < 4; i++) await client.logIn('alice', 'Wrong-Password-1');
    expect((await client.logIn('alice')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await client.logIn('alice', 'Wrong-Password-1')).status).toBe(401);
    // Unknown names lock too, so a lock never reveals that an account exists.
    for (let i = 0; i < 5; i++) await client.logIn('ghost', 'Wrong-Password-1');
    expect((await client.logIn('ghost', 'Wrong-Password-1')).status).toBe(423);
  });

  it('rate-limits login and sign-up per address with 429 and Retry-After', async () => {
    server = await startTestServer({ login_rate_limit_per_minute: 3, signup_rate_limit_per_minute: 2 });
    const client = new HttpClient(server.url);
    await client.boot();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.post('/api/auth/login', { username: 'x', password: 'y' })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await client.post('/api/auth/login', { username: 'x', password: 'y' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorOf(limited)).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await client.signUp('u1')).status).toBe(201);
    const second = new HttpClient(server.url);
    expect((await second.signUp('u2')).status).toBe(201);
    const third = await new HttpClient(server.url).signUp('u3');
    expect(third.status).toBe(429);
    expect((await errorOf(third)).message).toMatch(/Try again in/);
  });
});
