// The installable app: the manifest is linked and valid, the service worker takes control, and with the network
// gone the app shell still opens from the cache and says it is reconnecting, instead of the browser's error page.
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';

interface Manifest {
  name: string;
  start_url: string;
  display: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
}

test('installs: a valid manifest, a service worker that controls the page, and the app opening offline', async ({ browser }) => {
  const alice = await Person.signUp(browser, 'alice');
  const { page } = alice;

  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const response = await page.request.get(href ?? '');
  expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  const manifest = (await response.json()) as Manifest;
  expect(manifest).toMatchObject({ name: 'MiniMost', start_url: '/', display: 'standalone' });
  for (const size of ['192x192', '512x512']) expect(manifest.icons.some((i) => i.sizes === size && i.type === 'image/png')).toBe(true);
  expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  for (const icon of manifest.icons) expect((await page.request.get(icon.src)).status(), icon.src).toBe(200);

  // Registered from the app; after a reload the worker serves the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await alice.reload();
  await alice.expectShell();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);

  // Nothing the API answered is kept.
  const kept = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  expect(kept).toContain('/');
  expect(kept.filter((url) => url.startsWith('/api'))).toEqual([]);

  // Offline: the shell opens from the cache and says what is going on.
  await alice.context.setOffline(true);
  await alice.reload();
  await expect(page.getByRole('heading', { name: 'MiniMost is not reachable' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Reconnecting…');
  // Back online, it comes up by itself.
  await alice.context.setOffline(false);
  await expect(page.getByRole('heading', { name: 'MiniMost is not reachable' })).toBeHidden({ timeout: 15_000 });
  await alice.expectShell();
});
