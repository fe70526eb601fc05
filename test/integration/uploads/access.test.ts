import net from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/shared/protocol/conversations.js';
import type { Attachment } from '../../../src/shared/protocol/uploads.js';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf, HttpClient } from '../../support/http-client.js';
import { createTestClock } from '../../support/test-clock.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { png, sendFiles, sendWithFiles, statusOf, upload, uploadRequest } from './support.js';

// Alice and Bob share a private channel; Carol joins it later; Dave is never in it.
let server: TestServer;
let alice: ChatUser, bob: ChatUser, carol: ChatUser, dave: ChatUser;
let ops: Conversation;

beforeEach(async () => {
  server = await startTestServer();
  [alice, bob, carol, dave] = await signUpAll(server.url, 'alice', 'bob', 'carol', 'dave');
  ops = await alice.createPrivateChannel('ops', ['bob']);
});
afterEach(async () => {
  await server.close();
});

const urls = (file: Attachment) => [`/api/files/${file.id}`, `/api/files/${file.id}/thumbnail`, `/api/files/${file.id}/preview`];

async function statuses(user: ChatUser | HttpClient, file: Attachment): Promise<number[]> {
  const http = user instanceof HttpClient ? user : user.http;
  return Promise.all(
    urls(file).map(async (url) => {
      const response = await http.get(url);
      await response.arrayBuffer();
      return response.status;
    }),
  );
}

describe('who may download a file', () => {
  it('members only: a non-member, a late joiner and an anonymous browser get 404 or 401', async () => {
    const image = await upload(alice, ops.id, { name: 'plan.png', bytes: await png() });
    await sendFiles(alice, ops.id, [image.id], 'the plan');
    await alice.addMember(ops.id, 'carol');

    expect(await statuses(bob, image)).toEqual([200, 200, 404]);
    expect(await statuses(dave, image)).toEqual([404, 404, 404]);
    expect(await statuses(carol, image)).toEqual([404, 404, 404]);
    const anonymous = new HttpClient(server.url);
    expect(await statuses(anonymous, image)).toEqual([401, 401, 401]);

    // What she may see, Carol may download.
    const later = await upload(bob, ops.id, { name: 'later.txt', bytes: Buffer.from('after carol came') });
    await sendFiles(bob, ops.id, [later.id]);
    expect(await statuses(carol, later)).toEqual([200, 404, 200]);
  });

  it('nobody can upload into a conversation they are not in', async () => {
    const response = await uploadRequest(dave, ops.id, [{ name: 'x.txt', bytes: Buffer.from('hello') }]);
    expect(response.status).toBe(404);
    expect(server.db.prepare('SELECT count(*) AS n FROM uploads').get()).toEqual({ n: 0 });
  });

  it('a refusal decided before the body arrived still reaches a client that goes on sending it', async () => {
    // A raw socket, because the race is in the bytes: the answer comes after 64 KiB, the rest is sent 200 ms later.
    // Closing with those bytes unread would reset the connection, and the client would see EPIPE, not the 404.
    const boundary = 'refused-upload';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="x.bin"\r\n\r\n`),
      Buffer.alloc(1024 * 1024, 1),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const url = new URL(server.url);
    const head = [
      `POST /api/conversations/${ops.id}/uploads HTTP/1.1`,
      `host: ${url.host}`,
      `cookie: ${dave.http.cookieHeader()}`,
      `origin: ${server.url}`,
      `x-csrf-token: ${dave.http.csrfToken}`,
      `content-type: multipart/form-data; boundary=${boundary}`,
      `content-length: ${body.length}`,
      '\r\n',
    ].join('\r\n');
    // Half-open, as an HTTP client is: the server's end of its answer does not stop our upload.
    const socket = net.connect({ port: Number(url.port), host: url.hostname, allowHalfOpen: true });
    const received: Buffer[] = [];
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => (error = err.code));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write(head);
    socket.write(body.subarray(0, 64 * 1024));
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.end(body.subarray(64 * 1024));
    await closed;
    expect(error).toBeUndefined();
    expect(Buffer.concat(received).toString()).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('an unattached upload is its uploader’s alone, and only they can attach it, only where it was uploaded', async () => {
    const file = await upload(alice, ops.id, { name: 'draft.txt', bytes: Buffer.from('not sent yet') });
    expect(await statuses(alice, file)).toEqual([200, 404, 200]);
    expect(await statuses(bob, file)).toEqual([404, 404, 404]);

    const byBob = await sendWithFiles(bob, ops.id, [file.id], 'stolen');
    expect(byBob.status).toBe(400);
    expect((await errorOf(byBob)).code).toBe('INVALID_ATTACHMENT');
    const general = await alice.channel('general');
    const elsewhere = await sendWithFiles(alice, general.id, [file.id], 'moved');
    expect((await errorOf(elsewhere)).code).toBe('INVALID_ATTACHMENT');
    expect((await bob.history(ops.id)).messages.map((m) => m.text)).not.toContain('stolen');

    await sendFiles(alice, ops.id, [file.id], 'now sent');
    const twice = await sendWithFiles(alice, ops.id, [file.id], 'again');
    expect((await errorOf(twice)).code).toBe('INVALID_ATTACHMENT');
    expect(await statuses(bob, file)).toEqual([200, 404, 200]);
  });

  it('two sends racing for one upload: exactly one carries it', async () => {
    const file = await upload(alice, ops.id, { name: 'race.txt', bytes: Buffer.from('one of us') });
    const results = await Promise.all([1, 2, 3].map((n) => sendWithFiles(alice, ops.id, [file.id], `try ${n}`)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400]);
    const carrying = (await alice.history(ops.id)).messages.filter((m) => m.attachments.length > 0);
    expect(carrying).toHaveLength(1);
  });
});

describe('deleting a message', () => {
  it('makes its files unavailable and removes them from disk', async () => {
    const image = await upload(alice, ops.id, { name: 'oops.png', bytes: await png() });
    const message = await sendFiles(alice, ops.id, [image.id], 'wrong file');
    const stored = path.join(server.dataDir, 'uploads', image.id);
    expect(existsSync(stored)).toBe(true);

    await alice.delete(message.id);
    expect(await statuses(bob, image)).toEqual([404, 404, 404]);
    expect(await statuses(alice, image)).toEqual([404, 404, 404]);
    const changes = await bob.changes(ops.id, message.seq);
    expect(changes.events.at(-1)?.message.attachments).toEqual([]);
    await expect.poll(() => existsSync(stored) || existsSync(`${stored}.thumb`)).toBe(false);
    expect(server.db.prepare('SELECT count(*) AS n FROM uploads').get()).toEqual({ n: 0 });
  });
});

describe('uploads never sent', () => {
  it('are removed a day after they came', async () => {
    await server.close();
    const clock = createTestClock();
    server = await startTestServer({}, { clock });
    [alice] = await signUpAll(server.url, 'alice');
    const general = await alice.channel('general');
    const forgotten = await upload(alice, general.id, { name: 'forgotten.png', bytes: await png() });
    const sent = await upload(alice, general.id, { name: 'sent.txt', bytes: Buffer.from('kept') });
    await sendFiles(alice, general.id, [sent.id]);
    const stored = (id: string) => existsSync(path.join(server.dataDir, 'uploads', id));

    clock.advance(23 * 3_600_000);
    expect(await server.app.uploads.sweep()).toBe(0);
    clock.advance(2 * 3_600_000);
    expect(await server.app.uploads.sweep()).toBe(1);
    expect(stored(forgotten.id)).toBe(false);
    expect(stored(`${forgotten.id}.thumb`)).toBe(false);
    expect(stored(sent.id)).toBe(true);
    expect(await statusOf(alice, `/api/files/${forgotten.id}`)).toBe(404);
    expect((await errorOf(await sendWithFiles(alice, general.id, [forgotten.id]))).code).toBe('INVALID_ATTACHMENT');
  });
});
