import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, STRONG_PASSWORD, errorOf } from '../support/http-client.js';
import { createTestClock } from '../support/test-clock.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const NEW_PASSWORD = 'Brand-New-Secret-7';

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie (not Secure over plain HTTP)', async () => {
    server = await startTestServer();
    const client = new HttpClient(server.url);
    await client.boot();
    const response = await client.post('/api/auth/signup', { username: 'alice', password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mm_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const stored = server.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: Buffer }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash.toString('base64url')).not.toBe(client.cookies.get('mm_session'));
  });

  it('scopes the cookies tightly: the session lasts the idle timeout, the CSRF secret is HttpOnly and SameSite=Strict', async () => {
    server = await startTestServer({ session_idle_minutes: 90 });
    const client = new HttpClient(server.url);
    await client.boot();
    const response = await client.post('/api/auth/signup', { username: 'alice', password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD });
    const cookies = response.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('mm_session=')) ?? '';
    expect(session).toMatch(/; Path=\/(;|$)/);
    expect(session).toMatch(/; Max-Age=5400(;|$)/);
    expect(session).not.toMatch(/Domain=/i);
    // 256 random bits, base64url.
    expect(/^mm_session=([A-Za-z0-9_-]+);/.exec(session)?.[1]).toHaveLength(43);
    const csrf = cookies.find((c) => c.startsWith('mm_csrf=')) ?? '';
    expect(csrf).toMatch(/HttpOnly/);
    expect(csrf).toMatch(/SameSite=Strict/);

    client.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
    const logout = await client.post('/api/auth/logout');
    const cleared = logout.headers.getSetCookie().find((c) => c.startsWith('mm_session=')) ?? '';
    expect(cleared).toMatch(/^mm_session=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
  });

  it('never keeps a session cookie planted before login (fixation)', async () => {
    server = await startTestServer();
    await new HttpClient(server.url).signUp('alice');
    const mallory = new HttpClient(server.url);
    await mallory.signUp('mallory');

    // Mallory plants her own valid session, or a token of her choosing, in Alice's browser; Alice then logs in.
    for (const token of [mallory.cookies.get('mm_session') as string, 'A'.repeat(43)]) {
      const browser = new HttpClient(server.url);
      browser.cookies.set('mm_session', token);
      await browser.boot();
      expect((await browser.logIn('alice')).status).toBe(200);
      expect(browser.cookies.get('mm_session')).not.toBe(token);
      expect((await browser.boot()).user?.username).toBe('alice');
      // The planted token gives Mallory nothing of Alice's.
      const probe = new HttpClient(server.url);
      probe.cookies.set('mm_session', token);
      expect((await probe.boot()).user?.username ?? null).not.toBe('alice');
    }
  });

  it('log out revokes the session on the server, not just the cookie', async () => {
    server = await startTestServer();
    const client = new HttpClient(server.url);
    await client.signUp('alice');
    const stolen = client.cookies.get('mm_session') as string;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.boot()).user).toBeNull();
    const thief = new HttpClient(server.url);
    thief.cookies.set('mm_session', stolen);
    expect((await thief.boot()).user).toBeNull();
    expect((await thief.get('/api/ice-servers')).status).toBe(401);
    expect(readFileSync(server.auditFile, 'utf8')).toMatch(/"event":"logout"/);
  });

  it('log out is a POST: a GET cannot sign anyone out', async () => {
    server = await startTestServer();
    const client = new HttpClient(server.url);
    await client.signUp('alice');
    expect((await client.get('/api/auth/logout')).status).toBe(404);
    expect((await client.boot()).user?.username).toBe('alice');
  });

  it('changing the password ends the other sessions and keeps this one', async () => {
    server = await startTestServer();
    const laptop = new HttpClient(server.url);
    await laptop.signUp('alice');
    const phone = new HttpClient(server.url);
    await phone.logIn('alice');
    const wrong = await laptop.post('/api/auth/password', { currentPassword: 'Not-The-One-1', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(403);
    expect(await errorOf(wrong)).toMatchObject({ code: 'WRONG_PASSWORD' });
    const weak = await laptop.post('/api/auth/password', { currentPassword: STRONG_PASSWORD, newPassword: 'weak', confirmPassword: 'weak' });
    expect(await errorOf(weak)).toMatchObject({ code: 'WEAK_PASSWORD' });
    expect((await phone.boot()).user).not.toBeNull();

    const changed = await laptop.post('/api/auth/password', { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(changed.status).toBe(204);
    expect((await laptop.boot()).user?.username).toBe('alice');
    expect((await phone.boot()).user).toBeNull();
    expect((await new HttpClient(server.url).logIn('alice')).status).toBe(401);
    expect((await new HttpClient(server.url).logIn('alice', NEW_PASSWORD)).status).toBe(200);
  });

  it('changing the password needs a session', async () => {
    server = await startTestServer();
    const client = new HttpClient(server.url);
    await client.boot();
    const response = await client.post('/api/auth/password', { currentPassword: 'a', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('ends a session left idle longer than the setting', async () => {
    const clock = createTestClock();
    server = await startTestServer({ session_idle_minutes: 30 }, { clock });
    const client = new HttpClient(server.url);
    await client.signUp('alice');
    clock.advance(29 * 60_000);
    expect((await client.boot()).user).not.toBeNull();
    clock.advance(29 * 60_000); // still alive: the last request counted as activity
    expect((await client.boot()).user).not.toBeNull();
    clock.advance(31 * 60_000);
    expect((await client.boot()).user).toBeNull();
    expect(server.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });
});
