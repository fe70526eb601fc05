// The admin commands that deal with files: backup copies them, export lists and copies what a person may see,
// clean applies the file retention settings and prints what it removed. They run the built command (npm run build).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUpAll } from '../../support/chat-user.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { admin, expectExit } from '../operations/support.js';
import { png, sendFiles, upload } from './support.js';

let server: TestServer;
let scratch: string;
beforeEach(async () => {
  server = await startTestServer();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'minimost-files-'));
});
afterEach(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

type Line = { type: string; [key: string]: unknown };
const parse = (stdout: string): Line[] => stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Line);

describe('files and the admin commands', () => {
  it('backup copies the files beside the database, without uploads still arriving', async () => {
    const [alice] = await signUpAll(server.url, 'alice');
    const general = await alice.channel('general');
    const image = await upload(alice, general.id, { name: 'a.png', bytes: await png() });
    await sendFiles(alice, general.id, [image.id], 'with a picture');
    writeFileSync(path.join(server.dataDir, 'uploads', 'tmp', 'half-arrived'), 'x');

    const target = path.join(scratch, 'backup');
    const { stdout } = expectExit(await admin(server.dataDir, 'backup', target), 0);
    expect(stdout).toContain('uploads/ (2 files)');
    expect(readdirSync(path.join(target, 'uploads')).sort()).toEqual([image.id, `${image.id}.thumb`].sort());
    expect(readFileSync(path.join(target, 'uploads', image.id)).equals(readFileSync(path.join(server.dataDir, 'uploads', image.id)))).toBe(true);
  });

  it('export lists attachments with what a person may see, and --files copies them', async () => {
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const ops = await alice.createPrivateChannel('ops', []);
    const secret = await upload(alice, ops.id, { name: 'secret.txt', bytes: Buffer.from('for alice only') });
    await sendFiles(alice, ops.id, [secret.id], 'private file');
    const general = await alice.channel('general');
    const shared = await upload(bob, general.id, { name: 'notes.txt', bytes: Buffer.from('for everyone') });
    await sendFiles(bob, general.id, [shared.id], 'public file');

    const folder = path.join(scratch, 'files');
    const lines = parse(expectExit(await admin(server.dataDir, 'export', '--user', 'bob', '--files', folder), 0).stdout);
    const messages = lines.filter((l) => l.type === 'message' && Array.isArray(l.attachments) && (l.attachments as unknown[]).length > 0);
    expect(messages.map((m) => m.text)).toEqual(['public file']);
    expect(messages[0]?.attachments).toEqual([{ ...shared, file: `${shared.id}-notes.txt` }]);
    expect(readdirSync(folder)).toEqual([`${shared.id}-notes.txt`]);
    expect(readFileSync(path.join(folder, `${shared.id}-notes.txt`), 'utf8')).toBe('for everyone');

    const everything = parse(expectExit(await admin(server.dataDir, 'export'), 0).stdout);
    expect(everything.filter((l) => l.type === 'message' && (l.attachments as unknown[]).length > 0).map((l) => l.text).sort()).toEqual(['private file', 'public file']);
  });

  it('clean applies the file settings and says what it removed', async () => {
    const [alice] = await signUpAll(server.url, 'alice');
    const general = await alice.channel('general');
    const file = await upload(alice, general.id, { name: 'big.bin', bytes: Buffer.alloc(300 * 1024, 1) });
    await sendFiles(alice, general.id, [file.id], 'a big file');
    const { stdout } = expectExit(await admin(server.dataDir, 'clean', '--max-uploads-mb', '0'), 0);
    expect(stdout).toContain('Retention is off');

    const capped = expectExit(await admin(server.dataDir, 'clean', '--attachment-retention-days', '1', '--max-uploads-mb', '1'), 0).stdout;
    expect(capped).toContain('Files older than 1 day');
    expect(capped).toContain('Files take 0.3 MB, within the 1.0 MB cap: nothing removed.');
  });
});
