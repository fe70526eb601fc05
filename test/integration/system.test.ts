import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../support/http-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ stun: true, stun_port: 3478 });
});
afterAll(() => server.close());

describe('system routes', () => {
  it('GET /healthz answers without login', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('gives signed-in people the bundled STUN server only, under the name they used', async () => {
    const client = new HttpClient(server.url);
    expect((await client.get('/api/ice-servers')).status).toBe(401);
    await client.signUp('alice');
    const response = await client.get('/api/ice-servers');
    expect(await response.json()).toEqual({ iceServers: [{ urls: ['stun:127.0.0.1:3478'] }] });
    // fetch() may not set Host, so ask as a browser that reached us by name would, over a raw request.
    const byName = await new Promise<string>((resolve, reject) => {
      const url = new URL(`${server.url}/api/ice-servers`);
      http
        .get({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: 'chat.lan:8443', cookie: `mm_session=${client.cookies.get('mm_session')}` } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve(body));
        })
        .on('error', reject);
    });
    expect(JSON.parse(byName)).toEqual({ iceServers: [{ urls: ['stun:chat.lan:3478'] }] });
  });

  it('serves the web app for its own routes and index.html with no-cache', async () => {
    for (const route of ['/', '/login', '/reset-password']) {
      const response = await fetch(`${server.url}${route}`);
      expect(response.status, route).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });
});
