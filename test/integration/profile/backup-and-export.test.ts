import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectStatus, signUpAll } from '../../support/chat-user.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { admin, expectExit } from '../operations/support.js';

let server: TestServer;
let scratch: string;
beforeEach(async () => {
  server = await startTestServer();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'minimost-profile-'));
});
afterEach(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function withAvatar() {
  const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
  const png = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#3366cc' } }).png().toBuffer();
  await expectStatus(await alice.http.request('PUT', '/api/account/avatar', { rawBody: new Uint8Array(png), headers: { 'content-type': 'image/png' } }), 200);
  await expectStatus(await alice.request('PUT', '/api/account/colour', { colour: 'amber' }), 200);
  return { alice, bob };
}

describe('avatars in backups and exports', () => {
  it('minimost backup copies the avatars folder, private', async () => {
    const { alice } = await withAvatar();
    const target = path.join(scratch, 'copy');
    const result = expectExit(await admin(server.dataDir, 'backup', target), 0);
    expect(result.stdout).toMatch(/avatars\/ \(1 file\)/);
    expect(readdirSync(path.join(target, 'avatars'))).toEqual([`${alice.id}-1.webp`]);
    expect(statSync(path.join(target, 'avatars')).mode & 0o777).toBe(0o700);
    const copied = readFileSync(path.join(target, 'avatars', `${alice.id}-1.webp`));
    expect(copied.equals(readFileSync(path.join(server.dataDir, 'avatars', `${alice.id}-1.webp`)))).toBe(true);
  });

  it('minimost export carries each user\'s colour and picture', async () => {
    const { alice, bob } = await withAvatar();
    const result = expectExit(await admin(server.dataDir, 'export'), 0);
    const users = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => record.type === 'user');
    const exportedAlice = users.find((u) => u.id === alice.id) as { colour: string; avatarVersion: number; avatar: { mediaType: string; base64: string } };
    expect(exportedAlice).toMatchObject({ colour: 'amber', avatarVersion: 1, avatar: { mediaType: 'image/webp' } });
    expect(await sharp(Buffer.from(exportedAlice.avatar.base64, 'base64')).metadata()).toMatchObject({ format: 'webp', width: 128 });
    expect(users.find((u) => u.id === bob.id)).toMatchObject({ colour: null, avatarVersion: null, avatar: null });
  });
});
