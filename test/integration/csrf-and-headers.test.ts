import { mkdtempSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTlsMaterial } from '../../src/server/tls/index.js';
import { HttpClient, STRONG_PASSWORD, errorOf } from '../support/http-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const signupBody = (username: string) => ({ username, password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD });

describe('CSRF and Origin checks', () => {
  it('refuses a state change without the CSRF token, or with a wrong one', async () => {
    const client = new HttpClient(server.url);
    await client.boot();
    const missing = await client.post('/api/auth/signup', signupBody('mallory'), { 'x-csrf-token': '' });
    expect(missing.status).toBe(403);
    expect(await errorOf(missing)).toMatchObject({ code: 'CSRF_FAILED' });
    const wrong = await client.post('/api/auth/signup', signupBody('mallory'), { 'x-csrf-token': 'A'.repeat(43) });
    expect(await errorOf(wrong)).toMatchObject({ code: 'CSRF_FAILED' });
    const noCookie = new HttpClient(server.url);
    noCookie.csrfToken = client.csrfToken;
    expect(await errorOf(await noCookie.post('/api/auth/signup', signupBody('mallory')))).toMatchObject({ code: 'CSRF_FAILED' });
    expect(server.db.prepare("SELECT count(*) AS n FROM users WHERE username = 'mallory'").get()).toEqual({ n: 0 });
  });

  it('refuses a state change from another origin, or with no Origin at all', async () => {
    const foreign = new HttpClient(server.url, 'http://evil.example');
    await foreign.boot();
    const response = await foreign.post('/api/auth/signup', signupBody('mallory'));
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'ORIGIN_REJECTED' });
    const anonymous = new HttpClient(server.url, null);
    await anonymous.boot();
    expect(await errorOf(await anonymous.post('/api/auth/signup', signupBody('mallory')))).toMatchObject({ code: 'ORIGIN_REJECTED' });
    // A same-origin Referer stands in for a missing Origin, as older browsers send.
    const referer = await anonymous.post('/api/auth/signup', signupBody('refd'), { referer: `${server.url}/signup` });
    expect(referer.status).toBe(201);
  });

  it('logging in hands out a fresh CSRF token; the old one stops working', async () => {
    const client = new HttpClient(server.url);
    const before = (await client.boot()).csrfToken;
    await client.signUp('tokenrotation');
    expect(client.csrfToken).not.toBe(before);
    expect(await errorOf(await client.post('/api/auth/logout', undefined, { 'x-csrf-token': before }))).toMatchObject({ code: 'CSRF_FAILED' });
    expect((await client.post('/api/auth/logout')).status).toBe(204);
  });
});

describe('security headers', () => {
  it('sends strict headers on pages, API answers and errors alike', async () => {
    // '/api/conversations/%ff' is refused by the router itself, before any route runs.
    for (const url of ['/api/session', '/healthz', '/api/nope', '/login', '/api/conversations/%ff']) {
      const response = await fetch(`${server.url}${url}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('permissions-policy')).toContain('microphone=(self), camera=(self), display-capture=(self)');
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('serves /ca.pem without login only when it made the certificate', async () => {
    const response = await fetch(`${server.url}/ca.pem`);
    expect(response.status).toBe(404);
    expect((await errorOf(response)).message).toMatch(/no CA/);
  });
});

describe('over HTTPS with the generated certificate', () => {
  it('is trusted through /ca.pem, marks cookies Secure and sends HSTS', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-tls-'));
    try {
      const tls = await ensureTlsMaterial({ dir, hostnames: [], ipAddresses: [] });
      const secure = await startTestServer({ http: false }, { https: { key: tls.key, cert: tls.cert }, caCert: tls.caCert });
      try {
        const get = (urlPath: string, ca: string) =>
          new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
            https
              .get(`${secure.url}${urlPath}`, { ca }, (res) => {
                let body = '';
                res.on('data', (chunk: Buffer) => (body += chunk.toString()));
                res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
              })
              .on('error', reject);
          });
        const ca = await get('/ca.pem', tls.caCert);
        expect(ca.status).toBe(200);
        expect(ca.body).toBe(tls.caCert);
        const session = await get('/api/session', ca.body);
        expect(session.headers['strict-transport-security']).toBe('max-age=31536000');
        expect(String(session.headers['set-cookie'])).toMatch(/Secure/);
      } finally {
        await secure.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
