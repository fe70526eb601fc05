import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserSummary } from '../../../src/shared/protocol/conversations.js';
import { PALETTE } from '../../../src/shared/domain/palette.js';
import { type ChatUser, connectAll, expectStatus, signUpAll } from '../../support/chat-user.js';
import { errorOf, HttpClient, STRONG_PASSWORD } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { event, type WsClient } from '../../support/ws-client.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser;
beforeEach(async () => {
  server = await startTestServer();
  [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
});
afterEach(async () => {
  await server.close();
});

/** A photo as a phone takes it: 640×480 with EXIF (camera, orientation) and an ICC profile. */
async function photo(format: 'png' | 'jpeg' | 'webp' = 'png', width = 640, height = 480): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } }).withExif({
    IFD0: { Make: 'SecretCam', Model: 'Spy 3000', Copyright: 'alice at 51.5N 0.1W' },
  });
  return image.toFormat(format).toBuffer();
}

function upload(user: ChatUser, bytes: Buffer | string, type = 'image/png'): Promise<Response> {
  return user.http.request('PUT', '/api/account/avatar', { rawBody: typeof bytes === 'string' ? bytes : new Uint8Array(bytes), headers: { 'content-type': type } });
}

async function uploadOk(user: ChatUser, bytes: Buffer): Promise<UserSummary> {
  return (await expectStatus<{ user: UserSummary }>(await upload(user, bytes), 200)).user;
}

const avatarsDir = () => path.join(server.dataDir, 'avatars');
const avatarFiles = () => (existsSync(avatarsDir()) ? readdirSync(avatarsDir()).sort() : []);

describe('avatar upload', () => {
  it('re-encodes a PNG into a 128×128 WebP without metadata, stored privately', async () => {
    const original = await photo('png');
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const user = await uploadOk(alice, original);
    expect(user).toMatchObject({ id: alice.id, username: 'alice', avatarVersion: 1 });

    const served = await bob.http.get(`/api/avatars/${alice.id}/1`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('cache-control')).toMatch(/immutable/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 128, height: 128 });
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(bytes.includes(Buffer.from('SecretCam'))).toBe(false);

    expect(avatarFiles()).toEqual([`${alice.id}-1.webp`]);
    expect(statSync(avatarsDir()).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(avatarsDir(), `${alice.id}-1.webp`)).mode & 0o777).toBe(0o600);
  });

  it('takes JPEG and WebP too, crops to the centre, and removes the replaced picture', async () => {
    await uploadOk(alice, await photo('jpeg', 300, 900));
    const second = await uploadOk(alice, await photo('webp', 900, 300));
    expect(second.avatarVersion).toBe(2);
    expect(avatarFiles()).toEqual([`${alice.id}-2.webp`]);
    expect((await bob.http.get(`/api/avatars/${alice.id}/1`)).status).toBe(404);
    expect((await bob.http.get(`/api/avatars/${alice.id}/2`)).status).toBe(200);
  });

  it('decides by content: HTML, SVG, text or a damaged image named as a picture are refused, nothing stored', async () => {
    const png = await photo('png');
    const hostile: [string, Buffer | string, string][] = [
      ['html', '<!doctype html><script>alert(1)</script>', 'image/png'],
      ['svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>', 'image/svg+xml'],
      ['text', 'just some words', 'image/jpeg'],
      ['gif', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'image/gif'],
      ['truncated png', png.subarray(0, 40), 'image/png'],
      ['json', '{"a":1}', 'application/json'],
      ['empty', Buffer.alloc(0), 'image/png'],
    ];
    for (const [name, body, type] of hostile) {
      const response = await upload(alice, body, type);
      expect([400, 415], name).toContain(response.status);
      expect((await errorOf(response)).message, name).toMatch(/./);
    }
    const { users } = await alice.conversations();
    expect(users.find((u) => u.id === alice.id)?.avatarVersion).toBeNull();
    expect(avatarFiles().filter((f) => !f.startsWith('.'))).toEqual([]);
    expect(avatarFiles()).toEqual([]);
  });

  it('two uploads at once leave exactly the current picture on disk', async () => {
    const [first, second] = await Promise.all([photo('png'), photo('jpeg')]);
    const answers = await Promise.all([upload(alice, first), upload(alice, second), upload(alice, first)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const { users } = await bob.conversations();
    const current = users.find((u) => u.id === alice.id)?.avatarVersion;
    expect(current).toBe(3);
    expect(avatarFiles()).toEqual([`${alice.id}-3.webp`]);
  });

  it('refuses a body over 2 MB with 413', async () => {
    const big = Buffer.concat([await photo('png'), Buffer.alloc(2 * 1024 * 1024 + 1)]);
    const response = await upload(alice, big);
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('serves pictures to signed-in people only, and only the current version', async () => {
    await uploadOk(alice, await photo());
    expect((await new HttpClient(server.url).get(`/api/avatars/${alice.id}/1`)).status).toBe(401);
    expect((await alice.http.get(`/api/avatars/${alice.id}/1`)).status).toBe(200);
    expect((await bob.http.get(`/api/avatars/${alice.id}/2`)).status).toBe(404);
    expect((await bob.http.get(`/api/avatars/${bob.id}/1`)).status).toBe(404);
    expect((await bob.http.get('/api/avatars/99999/1')).status).toBe(404);
    expect((await bob.http.get(`/api/avatars/${alice.id}/zero`)).status).toBe(400);
  });

  it('removing goes back to initials; a later upload never reuses an old address', async () => {
    await uploadOk(alice, await photo());
    const removed = await expectStatus<{ user: UserSummary }>(await alice.request('DELETE', '/api/account/avatar'), 200);
    expect(removed.user.avatarVersion).toBeNull();
    expect(avatarFiles()).toEqual([]);
    expect((await bob.http.get(`/api/avatars/${alice.id}/1`)).status).toBe(404);
    expect((await uploadOk(alice, await photo())).avatarVersion).toBe(2);
    // Removing twice is harmless.
    await expectStatus(await alice.request('DELETE', '/api/account/avatar'), 200);
    await expectStatus(await alice.request('DELETE', '/api/account/avatar'), 200);
  });
});

describe('colour', () => {
  it('takes a palette key or null, and refuses anything else', async () => {
    const picked = await expectStatus<{ user: UserSummary }>(await alice.request('PUT', '/api/account/colour', { colour: 'teal' }), 200);
    expect(picked.user.colour).toBe('teal');
    for (const colour of ['chartreuse', '#ff0000', 'red; background:url(x)', '']) {
      const response = await alice.request('PUT', '/api/account/colour', { colour });
      expect(response.status, colour).toBe(400);
    }
    expect((await alice.request('PUT', '/api/account/colour', { colour: 7 })).status).toBe(400);
    expect((await alice.request('PUT', '/api/account/colour', {})).status).toBe(400);
    const { users } = await bob.conversations();
    expect(users.find((u) => u.id === alice.id)?.colour).toBe('teal');
    const reset = await expectStatus<{ user: UserSummary }>(await alice.request('PUT', '/api/account/colour', { colour: null }), 200);
    expect(reset.user.colour).toBeNull();
    expect(PALETTE.length).toBe(12);
  });
});

describe('live changes', () => {
  let aliceTab: WsClient, bobTab: WsClient;
  beforeEach(async () => {
    [aliceTab, bobTab] = await connectAll(alice, bob);
  });
  afterEach(async () => {
    await aliceTab.close();
    await bobTab.close();
  });

  it('announces avatar and colour changes to everyone as user.updated', async () => {
    await uploadOk(alice, await photo());
    for (const tab of [aliceTab, bobTab]) {
      await tab.waitFor(event('user.updated', (e) => e.user.id === alice.id && e.user.avatarVersion === 1));
    }
    await alice.request('PUT', '/api/account/colour', { colour: 'pink' });
    await bobTab.waitFor(event('user.updated', (e) => e.user.id === alice.id && e.user.colour === 'pink' && e.user.avatarVersion === 1));
    await alice.request('DELETE', '/api/account/avatar');
    await bobTab.waitFor(event('user.updated', (e) => e.user.id === alice.id && e.user.avatarVersion === null));
  });

  for (const mode of ['soft', 'hard'] as const) {
    it(`deleting the account (${mode}) removes the picture and the colour, and tells everyone`, async () => {
      await uploadOk(alice, await photo());
      await alice.request('PUT', '/api/account/colour', { colour: 'pink' });
      expect(avatarFiles()).toHaveLength(1);
      expect((await alice.request('DELETE', '/api/account', { password: STRONG_PASSWORD, mode })).status).toBe(204);
      expect(avatarFiles()).toEqual([]);
      await bobTab.waitFor(
        event('user.updated', (e) => e.user.id === alice.id && e.user.deleted === true && e.user.avatarVersion === null && e.user.colour === null),
      );
      expect((await bob.http.get(`/api/avatars/${alice.id}/1`)).status).toBe(404);
      const { users } = await bob.conversations();
      expect(users.find((u) => u.id === alice.id)).toEqual({ id: alice.id, username: 'Deleted user', deleted: true, avatarVersion: null, colour: null });
    });
  }
});
