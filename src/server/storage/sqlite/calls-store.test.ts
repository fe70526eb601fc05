import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredCall } from '../../modules/calls/calls.store.js';
import { closeDatabase, openDatabase, type SqliteDatabase } from './database.js';
import { createSqliteStorage, type Storage } from './storage.js';

let dir: string;
let db: SqliteDatabase;
let s: Storage;
let conversationId: number;
let alice: number;
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-calls-'));
  db = openDatabase(path.join(dir, 'minimost.db'));
  s = createSqliteStorage(db);
  alice = (await s.auth.users.createUser({ username: 'alice', usernameKey: 'alice', passwordHash: 'h', now: 1 })).id;
  conversationId = (await s.conversations.createPrivateChannel({ name: 'ops', creatorId: alice, memberIds: [alice], now: 1 })).id;
});
afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const call = (id: string, over: Partial<StoredCall> = {}): StoredCall => ({
  id,
  conversationId,
  startedBy: alice,
  startedAt: 1_000,
  answeredAt: null,
  lastSeenAt: 1_000,
  participants: [{ userId: alice, state: 'joined' }],
  ...over,
});

describe('SQLite call store', () => {
  it('keeps a call through its changes and heartbeats until it is finished, with its notice, once', async () => {
    await s.calls.save(call('c1'));
    await s.calls.save(call('c1', { answeredAt: 2_000, lastSeenAt: 2_000 }));
    await s.calls.heartbeat(['c1'], 7_000);
    await s.calls.heartbeat(['c1'], 6_000);
    expect(await s.calls.unended()).toEqual([call('c1', { answeredAt: 2_000, lastSeenAt: 7_000 })]);

    const ended = call('c1', { answeredAt: 2_000, participants: [{ userId: alice, state: 'left' }] });
    const notice = await s.calls.finish(ended, 9_000, { text: 'Call ended · 7s', now: 9_000 });
    expect(notice).toMatchObject({ conversationId, body: 'Call ended · 7s', authorId: null });
    expect(await s.calls.unended()).toEqual([]);
    // Ending twice posts nothing; a late save does not reopen it; nor does a heartbeat move it.
    expect(await s.calls.finish(ended, 9_500, { text: 'Call ended · 7s', now: 9_500 })).toBeNull();
    await s.calls.save(call('c1', { lastSeenAt: 10_000 }));
    await s.calls.heartbeat(['c1'], 11_000);
    expect(await s.calls.unended()).toEqual([]);
    expect(db.prepare('SELECT ended_at, last_seen_at, participants FROM calls').all()).toEqual([
      { ended_at: 9_000, last_seen_at: 7_000, participants: '[{"userId":1,"state":"left"}]' },
    ]);
  });

  it('allows one unended call per conversation', async () => {
    await s.calls.save(call('c1'));
    await expect(s.calls.save(call('c2'))).rejects.toThrow(/UNIQUE/);
    await s.calls.finish(call('c1'), 2_000, { text: 'Missed call from alice', now: 2_000 });
    await s.calls.save(call('c2'));
    expect((await s.calls.unended()).map((c) => c.id)).toEqual(['c2']);
  });

  it('a call that ends before its first write still leaves its row, ended', async () => {
    await s.calls.finish(call('c3'), 1_500, { text: 'Missed call from alice', now: 1_500 });
    expect(db.prepare('SELECT id, ended_at FROM calls').all()).toEqual([{ id: 'c3', ended_at: 1_500 }]);
  });

  it('drops calls that ended more than 30 days ago', async () => {
    await s.calls.finish(call('old'), 1_000, { text: 'Missed call from alice', now: 1_000 });
    const later = 1_000 + 31 * 24 * 3600_000;
    await s.calls.finish(call('new', { startedAt: later, lastSeenAt: later }), later, { text: 'Missed call from alice', now: later });
    expect(db.prepare('SELECT id FROM calls').all()).toEqual([{ id: 'new' }]);
  });
});
