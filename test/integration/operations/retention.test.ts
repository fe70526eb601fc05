import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/server/config/index.js';
import { DAY_MS, MIB } from '../../../src/server/modules/retention/retention.service.js';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { createTestClock } from '../../support/test-clock.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { found } from '../search/search-client.js';
import { admin, expectExit } from './support.js';

let server: TestServer;
afterEach(async () => {
  await server.close();
});

/** A server whose live settings the test changes as an admin would edit settings.json. */
async function serverWithLiveSettings(fixed: Partial<Settings> = {}, clock = createTestClock()) {
  const live: Partial<Settings> = {};
  server = await startTestServer({ message_rate_limit_per_minute: 1_000_000, ...fixed }, { clock, currentSettings: () => ({ ...server.settings, ...live }) });
  return { live, clock };
}

const rows = (ids: number[]) =>
  (server.db.prepare('SELECT id FROM messages WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(ids)) as { id: number }[]).map((r) => r.id);
const usedBytes = () => (server.db.prepare('SELECT sum(pgsize) - sum(unused) AS used FROM dbstat').get() as { used: number }).used;

function words(count: number): string {
  return Array.from({ length: count }, () => randomBytes(4).toString('base64url').replace(/[-_]/g, 'x')).join(' ');
}

async function sendMany(user: ChatUser, conversationId: number, count: number, text: () => string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 25) {
    const batch = await Promise.all(Array.from({ length: Math.min(25, count - i) }, () => user.send(conversationId, text())));
    ids.push(...batch.map((m) => m.id).sort((a, b) => a - b));
  }
  return ids;
}

describe('message_retention_days', () => {
  it('removes messages older than the limit once a day, for good, keeping replies readable and seq steady', async () => {
    // Sessions outlast the months this test skips through.
    const { live, clock } = await serverWithLiveSettings({ session_idle_minutes: 525_600 });
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const general = await alice.channel('general');
    const old = await alice.send(general.id, 'the old plan for the launch');
    const parent = await alice.send(general.id, 'a question answered later');
    clock.advance(20 * DAY_MS);
    const reply = await bob.send(general.id, 'the answer', { replyToId: parent.id });
    clock.advance(11 * DAY_MS);
    const fresh = await bob.send(general.id, 'this week');
    const lastSeq = (await bob.conversation(general.id)).lastSeq;

    // Off by default: the daily run removes nothing.
    expect(await server.app.retention.runIfDue()).toMatchObject({ age: null, cap: null });
    expect(await server.app.retention.runIfDue()).toBeNull();

    live.message_retention_days = 30;
    clock.advance(DAY_MS);
    const report = await server.app.retention.runIfDue();
    // The two welcome notices, the old message and the parent: all older than 30 days.
    expect(report?.age).toMatchObject({ days: 30, removed: 4, cutoff: clock.now() - 30 * DAY_MS });

    const page = await bob.history(general.id);
    expect(page.messages.map((m) => m.id)).toEqual([reply.id, fresh.id]);
    expect(page.messages[0]?.replyTo).toEqual({ id: parent.id, authorId: alice.id, text: null, deleted: true });
    expect(page.hasMore).toBe(false);
    expect((await bob.conversation(general.id)).lastSeq).toBe(lastSeq);
    const replay = await bob.changes(general.id, 0);
    expect(JSON.stringify(replay)).not.toContain('old plan');
    expect(JSON.stringify(replay)).not.toContain('answered later');
    expect(await found(bob, 'plan')).toEqual([]);
    expect(await found(bob, 'answer')).toEqual(['the answer']);
    // The next message continues the same sequence: clients see no gap.
    expect((await alice.send(general.id, 'next')).seq).toBe(lastSeq + 1);

    // The parent stays as a text-less placeholder while the reply points at it; both go once the reply is old too.
    expect(rows([old.id, parent.id])).toEqual([parent.id]);
    await bob.delete(reply.id);
    clock.advance(31 * DAY_MS);
    expect(await server.app.retention.runIfDue()).toMatchObject({ age: { removed: 2 } });
    expect(rows([parent.id, reply.id, fresh.id])).toEqual([]);
    expect(server.db.pragma('foreign_key_check')).toEqual([]);
    expect(server.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('max_database_mb', () => {
  it('removes the oldest messages of whoever stores the most, so one flood does not erase the others', { timeout: 120_000 }, async () => {
    const { live } = await serverWithLiveSettings();
    const [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
    const general = await alice.channel('general');
    const bobIds = await sendMany(bob, general.id, 20, () => `bob: ${words(20)}`);
    const floodIds = await sendMany(alice, general.id, 400, () => words(400));
    const carolIds = await sendMany(carol, general.id, 20, () => `carol: ${words(20)}`);

    const capMb = Math.floor(usedBytes() / MIB) - 1;
    expect(capMb, 'the flood should fill a few MB').toBeGreaterThanOrEqual(2);
    live.max_database_mb = capMb;
    const report = await server.app.retention.run();

    const cap = report.cap;
    expect(cap?.beforeBytes).toBeGreaterThan(capMb * MIB);
    expect(cap?.afterBytes).toBeLessThanOrEqual(capMb * MIB);
    expect(cap?.byUser.map((u) => u.username)).toEqual(['alice']);
    const kept = rows(floodIds);
    expect(kept.length).toBeGreaterThan(0);
    expect(cap?.removed).toBe(floodIds.length - kept.length);
    // Oldest first: what is left of the flood is its newest part.
    expect(kept).toEqual(floodIds.slice(floodIds.length - kept.length));
    expect(rows(bobIds)).toEqual(bobIds);
    expect(rows(carolIds)).toEqual(carolIds);
    expect(server.db.pragma('integrity_check', { simple: true })).toBe('ok');

    // Under the cap now: the next run removes nothing.
    expect((await server.app.retention.run()).cap).toMatchObject({ removed: 0, byUser: [] });
  });
});

describe('minimost clean', () => {
  it('runs retention now, while the server runs, and prints what it removed', async () => {
    // Messages written "40 days ago" by a server whose clock says so; the CLI uses the real clock.
    server = await startTestServer({}, { clock: createTestClock(Date.now() - 40 * DAY_MS) });
    const [alice] = await signUpAll(server.url, 'alice');
    const general = await alice.channel('general');
    await alice.send(general.id, 'old news');
    await alice.send(general.id, 'older news');

    expect(expectExit(await admin(server.dataDir, 'clean'), 0).stdout).toBe(
      'Retention is off (message_retention_days, max_database_mb, attachment_retention_days and max_uploads_mb are 0): nothing removed.\n',
    );
    const result = expectExit(await admin(server.dataDir, 'clean', '--message-retention-days', '30', '--max-database-mb', '100'), 0);
    expect(result.stdout).toMatch(/^Messages older than 30 days \(before \d{4}-\d\d-\d\d \d\d:\d\d UTC\): 3 messages removed\.\nDatabase holds \d+\.\d MB, within the 100\.0 MB cap: nothing removed\.\n$/);
    expect((await alice.history(general.id)).messages).toEqual([]);
    expect(expectExit(await admin(server.dataDir, 'clean', 'now'), 2).stderr).toBe('minimost: usage: minimost clean\n');
  });
});
