import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatUser, signUpAll } from '../../support/chat-user.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { admin, expectExit } from './support.js';

let server: TestServer;
let scratch: string;
beforeEach(async () => {
  server = await startTestServer({ message_rate_limit_per_minute: 1_000_000 });
  scratch = mkdtempSync(path.join(os.tmpdir(), 'minimost-backup-'));
});
afterEach(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Someone typing fast: sends until stopped, remembering every message the server acknowledged. */
function keepSending(user: ChatUser, conversationId: number) {
  const acknowledged: number[] = [];
  const failures: string[] = [];
  let stopped = false;
  const loop = (async () => {
    for (let i = 0; !stopped; i++) {
      const response = await user.sendRequest(conversationId, `message ${i}`);
      if (response.status === 201) acknowledged.push(((await response.json()) as { message: { id: number } }).message.id);
      else failures.push(`${response.status} ${await response.text()}`);
    }
  })();
  return {
    acknowledged,
    failures,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

async function waitForCount(list: readonly unknown[], count: number): Promise<void> {
  while (list.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('minimost backup', () => {
  it('copies a consistent database while someone is sending, holding every message acknowledged before it started', async () => {
    const [alice] = await signUpAll(server.url, 'alice');
    writeFileSync(path.join(server.dataDir, 'settings.json'), '{}\n', { mode: 0o600 });
    const general = await alice.channel('general');
    const sender = keepSending(alice, general.id);
    await waitForCount(sender.acknowledged, 50);
    const before = [...sender.acknowledged];
    const target = path.join(scratch, 'nightly');
    const result = expectExit(await admin(server.dataDir, 'backup', target), 0);
    const during = sender.acknowledged.length;
    await waitForCount(sender.acknowledged, during + 20);
    await sender.stop();
    expect(sender.failures).toEqual([]);

    expect(result.stdout.startsWith(`Backed up ${server.dataDir} to ${target}:\n`)).toBe(true);
    expect(result.stdout).toMatch(/:\n {2}database \(\d+\.\d MB, [\d,]+ messages, integrity_check ok\)\n {2}settings\.json\n {2}audit\.log\n/);
    expect(result.stdout).toContain(`To restore: stop MiniMost, then start it with --data-dir ${target}`);
    expect(statSync(target).mode & 0o777).toBe(0o700);
    expect(readdirSync(target).sort()).toEqual(['audit.log', 'minimost.db', 'settings.json', 'uploads']);
    for (const file of readdirSync(target)) expect(statSync(path.join(target, file)).mode & 0o077).toBe(0);

    const copy = new Database(path.join(target, 'minimost.db'), { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = new Set((copy.prepare('SELECT id FROM messages').all() as { id: number }[]).map((r) => r.id));
      expect(before.filter((id) => !ids.has(id))).toEqual([]);
    } finally {
      copy.close();
    }

    // Restoring is starting MiniMost on the copy: everything from before the backup is there.
    const restored = await startTestServer({}, { dataDir: target });
    try {
      const back = await ChatUser.logIn(restored.url, 'alice');
      const page = await back.history(general.id, '?limit=200');
      expect(page.messages.length + (page.hasMore ? 1 : 0)).toBeGreaterThan(0);
      expect(page.lastSeq).toBeGreaterThanOrEqual(before.length);
    } finally {
      await restored.close();
    }
  });

  it('copies tls/ and previews/ too, and refuses to overwrite anything', async () => {
    const tls = path.join(server.dataDir, 'tls');
    mkdirSync(tls, { mode: 0o700 });
    writeFileSync(path.join(tls, 'ca.pem'), 'CA', { mode: 0o600 });
    writeFileSync(path.join(tls, 'ca-key.pem'), 'KEY', { mode: 0o600 });
    // Link preview images cannot be fetched again on a network without the original site: they are kept.
    const previews = path.join(server.dataDir, 'previews');
    mkdirSync(previews, { recursive: true, mode: 0o700 });
    writeFileSync(path.join(previews, 'p1.webp'), 'WEBP', { mode: 0o600 });
    const target = path.join(scratch, 'with-tls');
    const copied = expectExit(await admin(server.dataDir, 'backup', target), 0).stdout;
    expect(copied).toContain('tls/ (2 files)');
    expect(copied).toContain('previews/ (1 file)');
    expect(readFileSync(path.join(target, 'previews', 'p1.webp'), 'utf8')).toBe('WEBP');
    expect(readFileSync(path.join(target, 'tls', 'ca-key.pem'), 'utf8')).toBe('KEY');
    expect(statSync(path.join(target, 'tls')).mode & 0o777).toBe(0o700);

    const again = expectExit(await admin(server.dataDir, 'backup', target), 2);
    expect(again.stderr).toBe(`minimost: ${target} already exists and is not an empty folder; name a new one\n`);
    expect(expectExit(await admin(server.dataDir, 'backup'), 2).stderr).toBe('minimost: usage: minimost backup <folder>\n');
    expect(existsSync(path.join(scratch, 'nothing'))).toBe(false);
  });
});

describe('admin commands that write, while the server is busy writing', () => {
  it('wait their turn: every send and every command succeeds', { timeout: 60_000 }, async () => {
    const [alice] = await signUpAll(server.url, 'alice', 'bob');
    const general = await alice.channel('general');
    const sender = keepSending(alice, general.id);
    await waitForCount(sender.acknowledged, 20);
    const results = await Promise.all([
      admin(server.dataDir, 'users', 'add', 'carol'),
      admin(server.dataDir, 'users', 'deactivate', 'bob'),
      admin(server.dataDir, 'reset-password', 'bob'),
      admin(server.dataDir, 'clean', '--message-retention-days', '3650', '--max-database-mb', '1000'),
      admin(server.dataDir, 'backup', path.join(scratch, 'busy')),
      admin(server.dataDir, 'export'),
    ]);
    const count = sender.acknowledged.length;
    await waitForCount(sender.acknowledged, count + 20);
    await sender.stop();
    for (const result of results) expectExit(result, 0);
    expect(sender.failures).toEqual([]);
  });
});
