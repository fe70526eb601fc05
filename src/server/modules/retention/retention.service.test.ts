import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../../../../test/support/test-clock.js';
import { closeDatabase, openDatabase, type SqliteDatabase } from '../../storage/sqlite/database.js';
import { createSqliteStorage, type Storage } from '../../storage/sqlite/storage.js';
import { createRetentionService, MIB, type RetentionPolicy } from './retention.service.js';

let dir: string;
let db: SqliteDatabase;
let storage: Storage;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-retention-'));
  db = openDatabase(path.join(dir, 'minimost.db'));
  storage = createSqliteStorage(db);
});
afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

async function person(name: string, channel: number, messages: number, bytes: number): Promise<number> {
  const user = await storage.auth.users.createUser({ username: name, usernameKey: name, passwordHash: 'h', now: 0 });
  for (let i = 0; i < messages; i++) {
    await storage.messages.appendMessage({ conversationId: channel, authorId: user.id, body: `${name} ${i} `.padEnd(bytes, 'x'), clientId: null, replyToId: null, now: i });
  }
  return user.id;
}

describe('the size cap', () => {
  it('trims the heaviest down to the next, then both in turn, and leaves the light ones alone', async () => {
    await storage.conversations.syncPublicChannels(['general'], 0);
    const channel = (await storage.exports.listAllConversations())[0]?.id as number;
    await person('alice', channel, 30, 10_000);
    await person('bob', channel, 25, 10_000);
    await person('carol', channel, 5, 1_000);
    // Measured in our own per-message bytes, so the test does not depend on SQLite's page layout.
    const counted = async () => (await storage.retention.storedBytesByAuthor()).reduce((sum, a) => sum + a.bytes, 0);
    const store = { ...storage.retention, measure: async () => ({ usedBytes: await counted(), fileBytes: 0 }) };
    const limit = (await counted()) - 200_000;
    const policy: RetentionPolicy = { message_retention_days: 0, max_database_mb: limit / MIB };
    const retention = createRetentionService({ store, clock: createTestClock(), policy: () => policy, users: storage.conversations });

    const { cap } = await retention.run();
    const removed = Object.fromEntries((cap?.byUser ?? []).map((u) => [u.username, u.messages]));
    expect(cap?.afterBytes).toBeLessThanOrEqual(limit);
    expect(removed.carol).toBeUndefined();
    expect(removed.alice).toBeGreaterThan(removed.bob ?? 0);
    expect(removed.bob).toBeGreaterThan(0);
    // Oldest first: what is left of alice's is her newest.
    const left = db.prepare("SELECT body FROM messages WHERE body LIKE 'alice %' ORDER BY id").all() as { body: string }[];
    expect(left[0]?.body.startsWith(`alice ${30 - left.length} `)).toBe(true);
  });
});
