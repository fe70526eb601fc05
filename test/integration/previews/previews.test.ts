import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/shared/protocol/messages.js';
import { expectStatus, signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf, HttpClient } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { event, type WsClient } from '../../support/ws-client.js';
import { html, image, ogPage, pngImage, startSite, type LocalSite } from './local-site.js';

// A local site on 127.0.0.1, allow-listed in preview_allow_hosts, previewed end to end: message sent → the
// message.updated event with the preview → the image route serving a WebP the server made.

let site: LocalSite;
let server: TestServer;
let alice: ChatUser, bob: ChatUser;
let bobTab: WsClient;
let generalId: number;
const slowAnswers: { closed: boolean }[] = [];
let bigBytesSent = 0;

beforeAll(async () => {
  const cover = await pngImage(1200, 630);
  site = await startSite({
    '/article': html(ogPage({ title: 'Release 2.0 &amp; more', description: 'What changed', siteName: 'Example News', image: '/cover.png' })),
    '/other': html(ogPage({ title: 'Another page' })),
    '/third': html(ogPage({ title: 'Third page' })),
    '/no-image': html(ogPage({ title: 'Broken image', image: '/not-an-image' })),
    '/not-an-image': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end('<svg onload=alert(1)>'),
    '/svg-image': html(ogPage({ title: 'SVG image', image: '/picture.svg' })),
    '/picture.svg': (_req, res) => res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    '/cover.png': image(cover),
    '/json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"title":"json"}'),
    '/no-type': (_req, res) => res.writeHead(200).end(ogPage({ title: 'Untyped' })),
    '/slow': (req, res) => {
      const answer = { closed: false };
      slowAnswers.push(answer);
      req.socket.on('close', () => (answer.closed = true));
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><head>');
      // ...and never finishes.
    },
    '/big': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write(ogPage({ title: 'Big page' }).replace('</html>', ''));
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (bigBytesSent < 8 * 1024 * 1024) {
          bigBytesSent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('</body></html>');
      };
      res.on('error', () => undefined);
      pump();
    },
    '/slow-image-page': html(ogPage({ title: 'Slow image', image: '/slow.png' })),
    '/slow.png': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).write(Buffer.alloc(10)),
    '/huge-image-page': html(ogPage({ title: 'Huge image', image: '/huge.png' })),
    '/huge.png': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(6 * 1024 * 1024)),
  });
});
afterAll(() => site.close());

beforeEach(async () => {
  server = await startTestServer({ preview_allow_hosts: [`127.0.0.1:${site.port}`] }, { previewTimeoutMs: 1500 });
  [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
  bobTab = await bob.connect();
  generalId = (await alice.channel('general')).id;
  site.requests.length = 0;
});
afterEach(() => server.close());

async function previewsOf(user: ChatUser, messageId: number): Promise<Message['previews']> {
  await server.app.previews.settled();
  const message = (await user.history(generalId)).messages.find((m) => m.id === messageId);
  return message?.previews ?? [];
}

describe('a previewed link', () => {
  it('reaches everyone as message.updated with the card, and the image is a WebP the server made', async () => {
    const sent = await alice.send(generalId, `news: ${site.origin}/article`);
    expect(sent.previews).toEqual([]);
    const updated = await bobTab.waitFor(event('message.updated', (e) => e.message.id === sent.id));
    const [preview] = (updated as { message: Message }).message.previews;
    expect(preview).toMatchObject({
      url: `${site.origin}/article`,
      title: 'Release 2.0 & more',
      description: 'What changed',
      siteName: 'Example News',
      imageWidth: 480,
      imageHeight: 252,
    });
    expect(preview?.imageUrl).toMatch(/^\/api\/previews\/[A-Za-z0-9_-]{22}\/image$/);
    expect(updated.seq).toBeGreaterThan(sent.seq);

    const answer = await bob.request('GET', preview?.imageUrl as string);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/webp');
    const bytes = Buffer.from(await answer.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 480, height: 252 });
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes('secret-exif-marker')).toBe(false);

    // A reconnecting client catches up through /changes.
    const changes = await bob.changes(generalId, sent.seq);
    expect(changes.events.find((e) => e.message.id === sent.id)?.message.previews[0]?.title).toBe('Release 2.0 & more');
  });

  it('serves images only to signed-in people, and refuses odd ids', async () => {
    const sent = await alice.send(generalId, `${site.origin}/article`);
    const [preview] = await previewsOf(alice, sent.id);
    const anonymous = new HttpClient(server.url);
    await anonymous.boot();
    expect((await anonymous.get(preview?.imageUrl as string)).status).toBe(401);
    expect((await bob.request('GET', '/api/previews/AAAAAAAAAAAAAAAAAAAAAA/image')).status).toBe(404);
    for (const id of ['..%2F..%2Fminimost.db', 'short', 'A'.repeat(23), '%00AAAAAAAAAAAAAAAAAAAAA']) {
      expect((await bob.request('GET', `/api/previews/${id}/image`)).status, id).toBe(400);
    }
  });

  it('does not hold up the send: the acknowledgement comes while the page is still loading', async () => {
    const started = Date.now();
    const sent = await alice.send(generalId, `${site.origin}/slow`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sent.previews).toEqual([]);
    expect(await previewsOf(alice, sent.id)).toEqual([]);
    // The 1.5 s limit (5 s in production) cut the connection.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slowAnswers.at(-1)?.closed).toBe(true);
  });

  it('gives the whole link one time limit: a page whose image never arrives keeps its card, without the image', async () => {
    const started = Date.now();
    const sent = await alice.send(generalId, `${site.origin}/slow-image-page`);
    const [preview] = await previewsOf(alice, sent.id);
    expect(Date.now() - started).toBeLessThan(1500 + 1000);
    expect(preview).toMatchObject({ title: 'Slow image', imageUrl: null });
  });

  it('reads at most 1 MB of a page, and refuses answers that are not HTML', async () => {
    const big = await alice.send(generalId, `${site.origin}/big`);
    expect((await previewsOf(alice, big.id))[0]?.title).toBe('Big page');
    expect(bigBytesSent).toBeLessThan(8 * 1024 * 1024);
    for (const path of ['/json', '/no-type']) {
      const sent = await alice.send(generalId, `${site.origin}${path}`);
      expect(await previewsOf(alice, sent.id), path).toEqual([]);
    }
  });

  it('keeps the card without an image when the image is broken, SVG or too large', async () => {
    for (const path of ['/no-image', '/svg-image', '/huge-image-page']) {
      const sent = await alice.send(generalId, `${site.origin}${path}`);
      const [preview] = await previewsOf(alice, sent.id);
      expect(preview?.title, path).toBeTruthy();
      expect(preview?.imageUrl, path).toBeNull();
    }
  });

  it('fetches a link once for many messages (cache), at most three links per message', async () => {
    const first = await alice.send(generalId, `${site.origin}/article`);
    await previewsOf(alice, first.id);
    const second = await bob.send(generalId, `again ${site.origin}/article`);
    expect((await previewsOf(bob, second.id))[0]?.title).toBe('Release 2.0 & more');
    expect(site.requests.filter((r) => r === '/article')).toHaveLength(1);

    const many = await alice.send(generalId, ['/article', '/other', '/third', '/big', '/json'].map((p) => `${site.origin}${p}`).join(' '));
    expect((await previewsOf(alice, many.id)).map((p) => p.title)).toEqual(['Release 2.0 & more', 'Another page', 'Third page']);
  });
});

describe('edits', () => {
  it('replace the previews when the links change, keep them when not, and clear them when links go', async () => {
    const sent = await alice.send(generalId, `${site.origin}/article`);
    expect((await previewsOf(alice, sent.id))[0]?.title).toBe('Release 2.0 & more');
    const edited = await alice.edit(sent.id, `typo fixed ${site.origin}/article`);
    expect(edited.previews[0]?.title).toBe('Release 2.0 & more');
    const editSeq = (await bobTab.waitFor(event('message.updated', (e) => e.message.id === sent.id && e.message.text === edited.text))).seq;
    await server.app.previews.settled();
    // Same links: the edit is the only change, no second announcement.
    expect((await alice.changes(generalId, editSeq)).events).toEqual([]);

    await alice.edit(sent.id, `now ${site.origin}/other`);
    expect((await previewsOf(alice, sent.id)).map((p) => p.title)).toEqual(['Another page']);
    await alice.edit(sent.id, 'no links any more');
    expect(await previewsOf(alice, sent.id)).toEqual([]);
  });
});

describe('removing previews', () => {
  it('is for the author only; the previews go for everyone and do not come back on edit', async () => {
    const sent = await alice.send(generalId, `${site.origin}/article`);
    expect(await previewsOf(alice, sent.id)).toHaveLength(1);

    const refused = await bob.request('DELETE', `/api/messages/${sent.id}/previews`);
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', message: 'You can only remove previews from your own messages.' });
    expect((await bob.request('DELETE', '/api/messages/999999/previews')).status).toBe(404);

    await expectStatus(await alice.request('DELETE', `/api/messages/${sent.id}/previews`), 204);
    const updated = await bobTab.waitFor(event('message.updated', (e) => e.message.id === sent.id && e.message.previews.length === 0));
    expect(updated.seq).toBeGreaterThan(sent.seq);
    await expectStatus(await alice.request('DELETE', `/api/messages/${sent.id}/previews`), 204);

    await alice.edit(sent.id, `changed ${site.origin}/other`);
    expect(await previewsOf(alice, sent.id)).toEqual([]);
  });

  it('refuses deleted messages', async () => {
    const sent = await alice.send(generalId, `${site.origin}/article`);
    await server.app.previews.settled();
    await alice.delete(sent.id);
    expect((await alice.request('DELETE', `/api/messages/${sent.id}/previews`)).status).toBe(404);
  });
});

describe('the link_previews setting', () => {
  it('off: links are never fetched', async () => {
    const off = await startTestServer({ link_previews: false, preview_allow_hosts: [`127.0.0.1:${site.port}`] });
    try {
      const [carol] = await signUpAll(off.url, 'carol');
      const channel = (await carol.channel('general')).id;
      const sent = await carol.send(channel, `${site.origin}/article`);
      await off.app.previews.settled();
      expect((await carol.history(channel)).messages.find((m) => m.id === sent.id)?.previews).toEqual([]);
      expect(site.requests).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
