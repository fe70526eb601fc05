import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/server/config/index.js';
import { describeRetention } from '../../../src/server/modules/retention/retention.report.js';
import { DAY_MS, MIB } from '../../../src/server/modules/retention/retention.service.js';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { createTestClock } from '../../support/test-clock.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { png, sendFiles, statusOf, upload } from './support.js';

let server: TestServer;
afterEach(async () => {
  await server.close();
});

async function serverWithLiveSettings() {
  const live: Partial<Settings> = {};
  const clock = createTestClock();
  server = await startTestServer({ session_idle_minutes: 525_600 }, { clock, currentSettings: () => ({ ...server.settings, ...live }) });
  return { live, clock };
}

const onDisk = (id: string) => existsSync(path.join(server.dataDir, 'uploads', id));

/** Sends `count` files of `kb` KB each, one message per file; returns the file ids oldest first. */
async function sendFilesOf(user: ChatUser, conversationId: number, count: number, kb: number, clock: ReturnType<typeof createTestClock>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = await upload(user, conversationId, { name: `${user.username}-${i}.bin`, bytes: Buffer.alloc(kb * 1024, i + 1) });
    await sendFiles(user, conversationId, [file.id], `${user.username} file ${i}`);
    ids.push(file.id);
    clock.advance(60_000);
  }
  return ids;
}

describe('attachment_retention_days', () => {
  it('is off by default; when set, old files leave a placeholder while their messages stay', async () => {
    const { live, clock } = await serverWithLiveSettings();
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const general = await alice.channel('general');
    const oldImage = await upload(alice, general.id, { name: 'old.png', bytes: await png() });
    const oldMessage = await sendFiles(alice, general.id, [oldImage.id], 'the old photo');
    clock.advance(40 * DAY_MS);
    const fresh = await upload(bob, general.id, { name: 'fresh.txt', bytes: Buffer.from('new') });
    await sendFiles(bob, general.id, [fresh.id], 'a new note');

    const off = await server.app.retention.run();
    expect(off).toMatchObject({ fileAge: null, fileCap: null });
    expect(onDisk(oldImage.id)).toBe(true);

    live.attachment_retention_days = 30;
    const report = await server.app.retention.run();
    expect(report.fileAge).toMatchObject({ days: 30, removed: 1 });
    expect(describeRetention(report)).toContain(`Files older than 30 days (before ${new Date(clock.now() - 30 * DAY_MS).toISOString().slice(0, 16).replace('T', ' ')} UTC): 1 file (${(oldImage.size / MIB).toFixed(1)} MB) removed.`);

    expect(onDisk(oldImage.id)).toBe(false);
    expect(onDisk(`${oldImage.id}.thumb`)).toBe(false);
    expect(await statusOf(bob, `/api/files/${oldImage.id}`)).toBe(404);
    expect(await statusOf(bob, `/api/files/${oldImage.id}/thumbnail`)).toBe(404);
    const kept = (await bob.history(general.id)).messages.find((m) => m.id === oldMessage.id);
    expect(kept?.text).toBe('the old photo');
    expect(kept?.attachments).toEqual([{ ...oldImage, removed: true, textPreview: false }]);
    expect(onDisk(fresh.id)).toBe(true);
    expect(await statusOf(bob, `/api/files/${fresh.id}`)).toBe(200);
  });
});

describe('max_uploads_mb', () => {
  it('removes the heaviest uploader’s oldest files first, so one flood cannot erase everyone else’s', async () => {
    const { live, clock } = await serverWithLiveSettings();
    const [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
    const general = await alice.channel('general');
    // Carol's few files are older than anyone's: oldest-first alone would remove them.
    const carols = await sendFilesOf(carol, general.id, 2, 100, clock);
    const bobs = await sendFilesOf(bob, general.id, 6, 100, clock);
    const alices = await sendFilesOf(alice, general.id, 14, 100, clock);

    live.max_uploads_mb = 1; // 22 files of 100 KB = 2.15 MB
    const { fileCap } = await server.app.retention.run();
    expect(fileCap?.beforeBytes).toBe(22 * 100 * 1024);
    expect(fileCap?.afterBytes).toBeLessThanOrEqual(MIB);
    const removed = Object.fromEntries((fileCap?.byUser ?? []).map((u) => [u.username, u.files]));
    expect(removed.carol).toBeUndefined();
    expect(removed.alice).toBeGreaterThan(removed.bob ?? 0);
    expect(carols.every(onDisk)).toBe(true);
    // Within each person, the oldest went first.
    const aliceGone = alices.filter((id) => !onDisk(id));
    expect(aliceGone).toEqual(alices.slice(0, aliceGone.length));
    const bobGone = bobs.filter((id) => !onDisk(id));
    expect(bobGone).toEqual(bobs.slice(0, bobGone.length));

    const again = await server.app.retention.run();
    expect(again.fileCap?.removed).toBe(0);
  });
});

describe('hard account deletion', () => {
  it('removes every file the person uploaded', async () => {
    await serverWithLiveSettings();
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const general = await alice.channel('general');
    const sent = await upload(bob, general.id, { name: 'mine.txt', bytes: Buffer.from('bob wrote this') });
    await sendFiles(bob, general.id, [sent.id], 'from bob');
    const unsent = await upload(bob, general.id, { name: 'draft.txt', bytes: Buffer.from('never sent') });
    const alices = await upload(alice, general.id, { name: 'alice.txt', bytes: Buffer.from('alice') });
    await sendFiles(alice, general.id, [alices.id]);

    const response = await bob.http.request('DELETE', '/api/account', { body: { password: 'Correct-Horse-42', mode: 'hard' } });
    expect(response.status).toBe(204);
    expect(onDisk(sent.id)).toBe(false);
    expect(onDisk(unsent.id)).toBe(false);
    expect(onDisk(alices.id)).toBe(true);
    expect(await statusOf(alice, `/api/files/${sent.id}`)).toBe(404);
  });
});
