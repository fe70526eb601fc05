import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/shared/protocol/conversations.js';
import { connectAll, expectStatus, signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created, type WsClient } from '../../support/ws-client.js';
import { download, jpegWithExif, png, sendFiles, upload, uploadRequest } from './support.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser;
let bobTab: WsClient;
let general: Conversation;

beforeEach(async () => {
  server = await startTestServer();
  [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
  [bobTab] = await connectAll(bob);
  general = await alice.channel('general');
});
afterEach(async () => {
  await bobTab.close();
  await server.close();
});

const uploadsDir = () => path.join(server.dataDir, 'uploads');
const storedFiles = () => readdirSync(uploadsDir()).filter((name) => name !== 'tmp');

describe('upload, send, download', () => {
  it('carries a file from one person to another, byte for byte', async () => {
    const bytes = Buffer.from('%PDF-1.4\n% a tiny document\n%%EOF\n');
    const file = await upload(alice, general.id, { name: 'Quarterly report.pdf', bytes, type: 'application/pdf' });
    expect(file).toMatchObject({ name: 'Quarterly report.pdf', size: bytes.length, mime: 'application/pdf', kind: 'file', removed: false });
    expect(file.id).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const message = await sendFiles(alice, general.id, [file.id], 'the report');
    expect(message.attachments).toEqual([file]);
    const live = await bobTab.waitFor(created(message.id));
    expect(live.message.attachments).toEqual([file]);
    expect((await bob.history(general.id)).messages.at(-1)?.attachments).toEqual([file]);

    const { response, bytes: got } = await download(bob, `/api/files/${file.id}`);
    expect(response.status).toBe(200);
    expect(got.equals(bytes)).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Quarterly report.pdf"; filename*=UTF-8''Quarterly%20report.pdf`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toMatch(/^private/);
  });

  it('sends several files with no text, and keeps them private to the data folder', async () => {
    const a = await upload(alice, general.id, { name: 'a.txt', bytes: Buffer.from('first\n') });
    const b = await upload(alice, general.id, { name: '../../etc/b.png', bytes: await png() });
    const message = await sendFiles(alice, general.id, [b.id, a.id]);
    expect(message.text).toBe('');
    expect(message.attachments.map((x) => x.id)).toEqual([b.id, a.id]);
    expect(b.name).toBe('b.png');

    expect(statSync(uploadsDir()).mode & 0o777).toBe(0o700);
    expect(storedFiles().sort()).toEqual([a.id, b.id, `${b.id}.thumb`].sort());
    for (const name of storedFiles()) expect(statSync(path.join(uploadsDir(), name)).mode & 0o777).toBe(0o600);
  });

  it('shows the first lines of a text file', async () => {
    const source = Array.from({ length: 300 }, (_, i) => `line ${i + 1}`).join('\n');
    const file = await upload(alice, general.id, { name: 'main.py', bytes: Buffer.from(source) });
    expect(file.textPreview).toBe(true);
    await sendFiles(alice, general.id, [file.id]);
    const preview = await expectStatus<{ text: string; truncated: boolean }>(await bob.http.get(`/api/files/${file.id}/preview`), 200);
    expect(preview.truncated).toBe(true);
    expect(preview.text.split('\n')).toHaveLength(200);
    expect(preview.text.startsWith('line 1\nline 2\n')).toBe(true);

    const binary = await upload(alice, general.id, { name: 'blob.bin', bytes: Buffer.from([1, 2, 0, 3]) });
    expect(binary).toMatchObject({ mime: 'application/octet-stream', textPreview: false });
    await sendFiles(alice, general.id, [binary.id]);
    expect((await bob.http.get(`/api/files/${binary.id}/preview`)).status).toBe(404);
    expect((await bob.http.get(`/api/files/${binary.id}/thumbnail`)).status).toBe(404);
  });

  it('tells the browser the size limit', async () => {
    const limits = await expectStatus<{ maxUploadBytes: number; maxAttachments: number }>(await alice.http.get('/api/uploads/limits'), 200);
    expect(limits).toEqual({ maxUploadBytes: 25 * 1024 * 1024, maxAttachments: 10 });
  });
});

describe('images', () => {
  it('shows an image inline with its size and a thumbnail, whatever its name says', async () => {
    const file = await upload(alice, general.id, { name: 'notes.txt', bytes: await png(800, 600), type: 'text/plain' });
    expect(file).toMatchObject({ kind: 'image', mime: 'image/png', width: 800, height: 600 });
    await sendFiles(alice, general.id, [file.id]);

    const full = await download(bob, `/api/files/${file.id}`);
    expect(full.response.headers.get('content-type')).toBe('image/png');
    expect(full.response.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(await sharp(full.bytes).metadata()).toMatchObject({ format: 'png', width: 800, height: 600 });

    const thumb = await download(bob, `/api/files/${file.id}/thumbnail`);
    expect(thumb.response.headers.get('content-type')).toBe('image/webp');
    expect(await sharp(thumb.bytes).metadata()).toMatchObject({ format: 'webp', width: 400, height: 300 });
  });

  it('strips EXIF from the stored image and the thumbnail, applying the orientation first', async () => {
    const original = await jpegWithExif(120, 80);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(original.includes(Buffer.from('SecretCam'))).toBe(true);

    const file = await upload(alice, general.id, { name: 'holiday.jpg', bytes: original });
    // Orientation 6 turns 120×80 into 80×120.
    expect(file).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 80, height: 120 });
    await sendFiles(alice, general.id, [file.id]);
    for (const url of [`/api/files/${file.id}`, `/api/files/${file.id}/thumbnail`]) {
      const { bytes } = await download(bob, url);
      const meta = await sharp(bytes).metadata();
      expect(meta.exif, url).toBeUndefined();
      expect(meta.orientation ?? 1, url).toBe(1);
      expect(bytes.includes(Buffer.from('SecretCam')), url).toBe(false);
      expect(bytes.includes(Buffer.from('GPS 48')), url).toBe(false);
    }
  });

  it('keeps the frames of an animated GIF', async () => {
    const frame = (background: string) => sharp({ create: { width: 20, height: 20, channels: 4, background } }).png().toBuffer();
    const built = await sharp([await frame('#ff0000'), await frame('#00ff00'), await frame('#0000ff')], { join: { animated: true } })
      .gif({ loop: 0, delay: [100, 100, 100] })
      .toBuffer();
    expect((await sharp(built, { animated: true }).metadata()).pages).toBe(3);

    const file = await upload(alice, general.id, { name: 'party.gif', bytes: built });
    expect(file).toMatchObject({ kind: 'image', mime: 'image/gif', width: 20, height: 20 });
    await sendFiles(alice, general.id, [file.id]);
    const { bytes } = await download(bob, `/api/files/${file.id}`);
    expect((await sharp(bytes, { animated: true }).metadata()).pages).toBe(3);
  });

  it('keeps an image that does not decode as a plain download', async () => {
    const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really a png')]);
    const file = await upload(alice, general.id, { name: 'broken.png', bytes: broken });
    expect(file).toMatchObject({ kind: 'file', mime: 'application/octet-stream', width: null, height: null });
    await sendFiles(alice, general.id, [file.id]);
    const { response, bytes } = await download(bob, `/api/files/${file.id}`);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(bytes.equals(broken)).toBe(true);
  });
});

describe('dangerous content', () => {
  it('serves HTML named .png as a download of text, never as a page', async () => {
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
    const file = await upload(alice, general.id, { name: 'cat.png', bytes: html, type: 'image/png' });
    expect(file).toMatchObject({ kind: 'file', mime: 'text/plain' });
    await sendFiles(alice, general.id, [file.id]);
    const { response } = await download(bob, `/api/files/${file.id}`);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="cat.png"/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('treats SVG as a file, not an image', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>');
    const file = await upload(alice, general.id, { name: 'logo.svg', bytes: svg, type: 'image/svg+xml' });
    expect(file.kind).toBe('file');
    await sendFiles(alice, general.id, [file.id]);
    const { response } = await download(bob, `/api/files/${file.id}`);
    expect(response.headers.get('content-type')).not.toMatch(/svg|html/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect((await bob.http.get(`/api/files/${file.id}/thumbnail`)).status).toBe(404);
  });
});

describe('limits and bad bodies', () => {
  it('refuses a file over max_upload_mb with 413 and keeps nothing of it', async () => {
    await server.close();
    server = await startTestServer({ max_upload_mb: 1 });
    [alice] = await signUpAll(server.url, 'alice');
    general = await alice.channel('general');
    const response = await uploadRequest(alice, general.id, [{ name: 'big.bin', bytes: Buffer.alloc(1024 * 1024 + 1, 7) }]);
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toEqual({ code: 'FILE_TOO_LARGE', message: '"big.bin" is larger than the 1 MB limit for one file.' });
    expect(storedFiles()).toEqual([]);
    expect(readdirSync(path.join(uploadsDir(), 'tmp'))).toEqual([]);
    expect(server.db.prepare('SELECT count(*) AS n FROM uploads').get()).toEqual({ n: 0 });

    const fits = await upload(alice, general.id, { name: 'ok.bin', bytes: Buffer.alloc(1024 * 1024, 7) });
    expect(fits.size).toBe(1024 * 1024);
  });

  it('accepts several files in one request, but not more than ten', async () => {
    const three = await expectStatus<{ uploads: unknown[] }>(
      await uploadRequest(alice, general.id, [1, 2, 3].map((n) => ({ name: `${n}.txt`, bytes: Buffer.from(`file ${n}`) }))),
      201,
    );
    expect(three.uploads).toHaveLength(3);
    const eleven = await uploadRequest(alice, general.id, Array.from({ length: 11 }, (_, n) => ({ name: `${n}.txt`, bytes: Buffer.from('x') })));
    expect(eleven.status).toBe(413);
  });

  it('answers 400 or 415 to bodies that are not a multipart upload of files', async () => {
    const path_ = `/api/conversations/${general.id}/uploads`;
    const cases: [string, RequestInit['body'] | undefined, Record<string, string>, number][] = [
      ['JSON', JSON.stringify({ file: 'x' }), { 'content-type': 'application/json' }, 415],
      ['no boundary', 'abc', { 'content-type': 'multipart/form-data' }, 400],
      ['cut off', '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello', { 'content-type': 'multipart/form-data; boundary=XX' }, 400],
      ['empty', '--XX--\r\n', { 'content-type': 'multipart/form-data; boundary=XX' }, 400],
      ['a text field', '--XX\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--XX--\r\n', { 'content-type': 'multipart/form-data; boundary=XX' }, 400],
      ['garbage', 'not multipart at all', { 'content-type': 'multipart/form-data; boundary=XX' }, 400],
    ];
    for (const [name, body, headers, status] of cases) {
      const response = await alice.http.request('POST', path_, { rawBody: body as BodyInit, headers });
      expect(response.status, name).toBe(status);
      expect((await errorOf(response)).code, name).toMatch(/^(BAD_REQUEST|UNSUPPORTED_MEDIA_TYPE|INVALID_JSON)$/);
    }
    expect(storedFiles()).toEqual([]);
    expect((await alice.http.get('/healthz')).status).toBe(200);
  });

  it('refuses more than ten attachments on a message, and unknown ids', async () => {
    const ids = Array.from({ length: 11 }, (_, i) => `${'A'.repeat(21)}${i % 10}`);
    const tooMany = await alice.http.post(`/api/conversations/${general.id}/messages`, { clientId: 'too-many-files', text: 'x', attachmentIds: ids });
    expect(tooMany.status).toBe(400);
    const unknown = await alice.http.post(`/api/conversations/${general.id}/messages`, { clientId: 'unknown-file', text: '', attachmentIds: ['B'.repeat(22)] });
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).code).toBe('INVALID_ATTACHMENT');
    expect((await alice.history(general.id)).messages.filter((m) => m.authorId === alice.id)).toEqual([]);
    expect(existsSync(uploadsDir())).toBe(true);
  });
});
