// A link preview card: the server fetches an OpenGraph page served by this test on 127.0.0.1 (allow-listed for the
// e2e server in playwright.config.ts), and the other person sees the card with the image the server re-encoded.
// Their browser only ever talks to the app itself.
import { createServer, type Server } from 'node:http';
import sharp from 'sharp';
import { expect, test } from './support/test.js';
import { Person } from './support/person.js';

// Must match MINIMOST_PREVIEW_ALLOW_HOSTS in playwright.config.ts.
const SITE_PORT = 18099;
const SITE = `http://127.0.0.1:${SITE_PORT}`;

let site: Server;

test.beforeAll(async () => {
  const cover = await sharp({ create: { width: 800, height: 400, channels: 3, background: { r: 200, g: 80, b: 40 } } }).png().toBuffer();
  site = createServer((req, res) => {
    if (req.url === '/cover.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(cover);
    if (req.url?.startsWith('/projects/OPS/repos/deploy/raw/deploy.py')) {
      const lines = Array.from({ length: 40 }, (_, i) => `step_${i + 1}()`);
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(lines.join('\n'));
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><html><head><title>fallback</title>
       <meta property="og:title" content="Quarterly report &amp; roadmap">
       <meta property="og:description" content="Everything that shipped this quarter.">
       <meta property="og:site_name" content="Intranet News">
       <meta property="og:image" content="/cover.png"></head><body>report</body></html>`,
    );
  });
  await new Promise<void>((resolve) => site.listen(SITE_PORT, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => site.close(() => resolve()));
});

test('a link shows a preview card to the other person, and its author can remove it', async ({ browser, baseURL }) => {
  const kim = await Person.signUp(browser, 'kim');
  const lou = await Person.signUp(browser, 'lou');
  const dm = await kim.startDirectMessage(lou);
  const link = `${SITE}/report?from=${kim.username}`;
  // Typed and sent by hand, and found by the article's text: chat.message() looks for the text in a paragraph, which
  // the message row does not render until the formatted-text component lands.
  await kim.chat.composer(dm).fill(`Have a look: ${link}`);
  await kim.chat.composer(dm).press('Enter');

  await lou.open(lou.dmWith(kim));
  const message = lou.chat.log(lou.dmWith(kim)).getByRole('article').filter({ hasText: 'Have a look' });
  const card = message.getByRole('region', { name: 'Link preview: Quarterly report & roadmap' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Intranet News');
  await expect(card).toContainText('Everything that shipped this quarter.');
  const title = card.getByRole('link', { name: 'Quarterly report & roadmap' });
  await expect(title).toHaveAttribute('href', link);
  await expect(title).toHaveAttribute('target', '_blank');
  await expect(title).toHaveAttribute('rel', 'noopener noreferrer');
  const image = card.locator('img');
  await expect(image).toHaveAttribute('src', /^\/api\/previews\/[A-Za-z0-9_-]{22}\/image$/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
  // Only the author gets the ×.
  await expect(message.getByRole('button', { name: 'Remove link previews' })).toHaveCount(0);

  const own = kim.chat.log(dm).getByRole('article').filter({ hasText: 'Have a look' });
  await own.hover();
  await own.getByRole('button', { name: 'Remove link previews' }).click();
  await expect(card).toHaveCount(0);
  await expect(own.getByRole('region', { name: /^Link preview/ })).toHaveCount(0);

  // The browsers never fetched the page or its image themselves.
  const app = new URL(baseURL ?? '').origin;
  for (const person of [lou, kim]) {
    expect([...person.requestedOrigins].filter((origin) => origin.includes(String(SITE_PORT)))).toEqual([]);
    await person.expectOnlyLocalRequests();
  }
  expect(app).not.toBe(SITE);
});

test('a Bitbucket Server file link shows the linked lines with numbers, the range highlighted', async ({ browser }) => {
  const mia = await Person.signUp(browser, 'mia');
  const ned = await Person.signUp(browser, 'ned');
  const dm = await mia.startDirectMessage(ned);
  await mia.chat.composer(dm).fill(`The bug: ${SITE}/projects/OPS/repos/deploy/browse/deploy.py?at=${mia.username}#12-13`);
  await mia.chat.composer(dm).press('Enter');

  await ned.open(ned.dmWith(mia));
  const card = ned.chat.log(ned.dmWith(mia)).getByRole('article').filter({ hasText: 'The bug' }).getByRole('region', { name: 'Link preview: deploy.py' });
  await expect(card).toContainText('OPS/deploy · deploy.py');
  const code = card.getByLabel('Code: deploy.py');
  await expect(code).toContainText('step_12()');
  await expect(code.locator('.code-line')).toHaveCount(30);
  await expect(code.locator('.code-line.is-marked')).toHaveText(['12step_12()', '13step_13()']);
  await expect(code.locator('.code-line').first()).toHaveText('7step_7()');
});
