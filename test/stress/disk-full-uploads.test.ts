import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserSummary } from '../../src/shared/protocol/conversations.js';
import { ChatUser, expectStatus } from '../support/chat-user.js';
import { assertInvariants } from '../support/invariants.js';
import { download, sendFiles, upload, uploadRequest, type FilePart } from '../integration/uploads/support.js';
import { fillDisk } from './support/fill-disk.js';
import { printTable } from './support/report.js';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';

// The uploads and avatars folders each on their own small tmpfs (we run as root) that fills up, then becomes
// read-only, while the database beside them stays writable: only the file half of an upload can fail. The upload
// must be refused with a clear 503, leave no file behind and no row pointing at a missing file, and the next upload
// must work once there is room again. Without permission to mount, this file is skipped.

const root = mkdtempSync(path.join(os.tmpdir(), 'minimost-uploads-full-'));
const dataDir = path.join(root, 'data');
const uploadsDir = path.join(dataDir, 'uploads');
const avatarsDir = path.join(dataDir, 'avatars');
const mounts: string[] = [];
let server: ServerProcess | undefined;

const REFUSAL = { code: 'UNAVAILABLE', message: 'The server cannot save right now (disk full or read-only). Try again in a moment; if it keeps happening, tell your admin.' };

beforeAll(() => {
  for (const dir of [uploadsDir, avatarsDir]) {
    mkdirSync(dir, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
      mounts.push(dir);
    } catch (err) {
      console.log(`disk-full uploads: cannot mount a tmpfs here (${(err as Error).message.split('\n')[0]}); skipped`);
      return;
    }
  }
});
afterAll(async () => {
  if (server && server.child.exitCode === null) await server.kill9();
  for (const dir of mounts) {
    try {
      execFileSync('umount', [dir], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    }
  }
  rmSync(root, { recursive: true, force: true });
});

const remount = (dir: string, mode: 'ro' | 'rw') => execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' });

/** Names in a folder, the filler and the folder for arriving uploads left out. */
function filesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name !== 'filler' && name !== 'tmp')
    .sort();
}

async function picture(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: { r: seed % 256, g: 90, b: 160 } } })
    .png()
    .toBuffer();
}

/** Noise compresses badly: a PNG of about 200 KB whose re-encoding is as large. */
function noisyPicture(): Promise<Buffer> {
  const pixels = Buffer.alloc(256 * 256 * 3);
  let state = 7;
  for (let i = 0; i < pixels.length; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    pixels[i] = state >>> 24;
  }
  return sharp(pixels, { raw: { width: 256, height: 256, channels: 3 } })
    .png()
    .toBuffer();
}

const textFile = (name: string, kib: number): FilePart => ({ name, bytes: Buffer.alloc(kib * 1024, `${name} `), type: 'text/plain' });

async function refusalOf(response: Response): Promise<{ status: number; error: unknown }> {
  const body = (await response.json()) as { error?: unknown };
  return { status: response.status, error: body.error };
}

function putAvatar(user: ChatUser, bytes: Buffer): Promise<Response> {
  return user.http.request('PUT', '/api/account/avatar', { rawBody: new Uint8Array(bytes), headers: { 'content-type': 'image/png' } });
}

describe('uploads and avatars on a disk that fills up or turns read-only', () => {
  it('refuses with a clear 503, leaves no file or row behind, and works again once there is room', async (context) => {
    if (mounts.length < 2) context.skip();
    server = await startServerProcess(dataDir, await freePort(), { MINIMOST_MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000' });
    const [alice, bob] = [await ChatUser.signUp(server.url, 'alice'), await ChatUser.signUp(server.url, 'bob')];
    const general = await alice.channel('general');
    const before = await upload(alice, general.id, textFile('before.txt', 4));
    await sendFiles(alice, general.id, [before.id], 'a file from before');
    const avatarBefore = (await expectStatus<{ user: UserSummary }>(await putAvatar(alice, await picture(1)), 200)).user;
    const filesBefore = { uploads: filesIn(uploadsDir), avatars: filesIn(avatarsDir) };

    const rows: Record<string, string | number | boolean>[] = [];
    const attempt = async (what: string, response: Promise<Response>) => {
      const { status, error } = await refusalOf(await response);
      rows.push({ attempt: what, status, answer: JSON.stringify(error ?? null) });
      return { status, error };
    };
    const stillClean = () => ({
      uploads: filesIn(uploadsDir),
      avatars: filesIn(avatarsDir),
      arriving: readdirSync(path.join(uploadsDir, 'tmp')),
    });
    const clean = { ...filesBefore, arriving: [] };

    // Disk full: first with room for the picture as it arrives but not for its re-encoding, then with none at all.
    const uploadFiller = path.join(uploadsDir, 'filler');
    const avatarFiller = path.join(avatarsDir, 'filler');
    const noisy = await noisyPicture();
    fillDisk(uploadFiller, noisy.length + 8 * 1024);
    const full = [await attempt('picture, room to receive it only', uploadRequest(alice, general.id, [{ name: 'noise.png', bytes: noisy, type: 'image/png' }]))];
    rmSync(uploadFiller);
    fillDisk(uploadFiller);
    fillDisk(avatarFiller);
    full.push(
      await attempt('file, disk full', uploadRequest(alice, general.id, [textFile('big.txt', 256)])),
      await attempt('small file, disk full', uploadRequest(alice, general.id, [textFile('small.txt', 1)])),
      await attempt('picture, disk full', uploadRequest(alice, general.id, [{ name: 'photo.png', bytes: await picture(2), type: 'image/png' }])),
      await attempt('avatar, disk full', putAvatar(alice, await picture(3))),
    );
    const whileFull = stillClean();
    // Messages live in the database, which still has room: they keep flowing.
    const meanwhile = await alice.send(general.id, 'no attachments while the disk is full');
    rmSync(uploadFiller);
    rmSync(avatarFiller);
    const afterFull = await upload(alice, general.id, { name: 'after.png', bytes: await picture(4), type: 'image/png' });
    const avatarAfterFull = (await expectStatus<{ user: UserSummary }>(await putAvatar(alice, await picture(5)), 200)).user;

    // Read-only: nothing can even be created.
    const filesBeforeReadOnly = { uploads: filesIn(uploadsDir), avatars: filesIn(avatarsDir), arriving: [] };
    remount(uploadsDir, 'ro');
    remount(avatarsDir, 'ro');
    let readOnly;
    let whileReadOnly;
    try {
      readOnly = [
        await attempt('file, read-only', uploadRequest(alice, general.id, [textFile('ro.txt', 8)])),
        await attempt('avatar, read-only', putAvatar(alice, await picture(6))),
      ];
      whileReadOnly = { ...stillClean(), download: (await download(bob, `/api/files/${before.id}`)).response.status };
    } finally {
      remount(uploadsDir, 'rw');
      remount(avatarsDir, 'rw');
    }
    const afterReadOnly = await upload(alice, general.id, textFile('after-ro.txt', 8));
    const message = await sendFiles(alice, general.id, [afterFull.id, afterReadOnly.id], 'room again');
    const avatarAfterReadOnly = (await expectStatus<{ user: UserSummary }>(await putAvatar(alice, await picture(7)), 200)).user;
    const fetched = await download(bob, `/api/files/${afterReadOnly.id}`);

    printTable('uploads and avatars refused while the disk was full or read-only', rows);
    printTable('uploads and avatars: what held', [
      { check: 'files left behind while full', value: JSON.stringify(whileFull) === JSON.stringify(clean) ? 'none' : JSON.stringify(whileFull) },
      { check: 'files left behind while read-only', value: JSON.stringify({ ...whileReadOnly, download: undefined }) === JSON.stringify(filesBeforeReadOnly) ? 'none' : JSON.stringify(whileReadOnly) },
      { check: 'text message sent while the uploads disk was full', value: meanwhile.id > 0 },
      { check: 'upload + avatar after space returned', value: `${afterFull.kind}, avatar v${avatarAfterFull.avatarVersion}` },
      { check: 'upload + avatar after read-write again', value: `${fetched.response.status} ${fetched.bytes.length} bytes, avatar v${avatarAfterReadOnly.avatarVersion}` },
    ]);
    for (const answer of [...full, ...readOnly]) expect(answer).toEqual({ status: 503, error: REFUSAL });
    expect(whileFull).toEqual(clean);
    expect(whileReadOnly).toEqual({ ...filesBeforeReadOnly, download: 200 });
    expect(afterFull).toMatchObject({ kind: 'image', name: 'after.png' });
    // A refused avatar did not count as a version: the next one is the one after the last that was kept.
    expect([avatarBefore.avatarVersion, avatarAfterFull.avatarVersion, avatarAfterReadOnly.avatarVersion]).toEqual([1, 2, 3]);
    expect(message.attachments?.map((a) => a.id)).toEqual([afterFull.id, afterReadOnly.id]);
    expect(fetched.bytes.equals(Buffer.from(textFile('after-ro.txt', 8).bytes))).toBe(true);

    expect(await server.stop()).toBe(0);
    const db = new Database(path.join(dataDir, 'minimost.db'), { readonly: true });
    try {
      const uploads = db.prepare('SELECT id, has_thumbnail AS thumb, removed FROM uploads ORDER BY id').all() as { id: string; thumb: number; removed: number }[];
      const expectedFiles = uploads.filter((u) => u.removed === 0).flatMap((u) => (u.thumb ? [u.id, `${u.id}.thumb`] : [u.id]));
      // Every row has its file, and every file its row: the three uploads that were accepted, nothing else.
      expect(uploads.map((u) => u.id).sort()).toEqual([before.id, afterFull.id, afterReadOnly.id].sort());
      expect(filesIn(uploadsDir)).toEqual(expectedFiles.sort());
      const avatar = db.prepare('SELECT avatar_version AS v FROM users WHERE id = ?').get(alice.id) as { v: number };
      expect(filesIn(avatarsDir)).toEqual([`${alice.id}-${avatar.v}.webp`]);
      expect(existsSync(path.join(uploadsDir, 'tmp'))).toBe(true);
      assertInvariants(db);
    } finally {
      db.close();
    }
  });
});
