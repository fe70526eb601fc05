import http from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
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

  it('sends the web app scripts compressed (brotli or gzip, as the browser accepts) and unchanged', async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    expect(script).toBeDefined();
    const get = (encoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(`${server.url}${script}`, { headers: { 'accept-encoding': encoding } }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    const plain = await get('identity');
    const brotli = await get('br, gzip');
    const gzip = await get('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotli.body.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    expect(brotli.headers['cache-control']).toContain('immutable');
    expect(brotli.headers['vary']).toMatch(/accept-encoding/i);
  });
});
