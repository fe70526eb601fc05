import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIR } from '../../../src/server/main.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

// The installable app's files, as the built web app serves them (`npm run build` first; skipped otherwise).
const built = existsSync(path.join(CLIENT_DIR, 'sw.js'));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe.skipIf(!built)('installable app', () => {
  it('serves the manifest as a manifest, with icons that exist', async () => {
    const response = await fetch(`${server.url}/manifest.webmanifest`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as { icons: { src: string; sizes: string; purpose: string }[]; start_url: string };
    expect(manifest.start_url).toBe('/');
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    for (const icon of manifest.icons) {
      const file = await fetch(`${server.url}${icon.src}`);
      expect(file.status, icon.src).toBe(200);
    }
    const png = await fetch(`${server.url}/icons/icon-512.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
  });

  it('serves the service worker from the root, revalidated on every load, whatever the encoding', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const response = await fetch(`${server.url}/sw.js`, { headers: { 'accept-encoding': encoding } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      expect(response.headers.get('service-worker-allowed')).toBe('/');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const text = await response.text();
      // The API is never among the files it keeps.
      expect(text).toContain('/api/');
      expect(text).not.toMatch(/"\/api\/[^"]*"\s*[,\]]/);
    }
  });

  it('links the manifest from the page', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"');
  });
});
