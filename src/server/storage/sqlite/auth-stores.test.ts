import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAuthStoreContract } from '../contract/auth-stores.contract.js';
import { createSqliteAuthStores } from './auth-stores.js';
import { createWriteQueue } from './write-queue.js';
import { closeDatabase, openDatabase } from './database.js';

describeAuthStoreContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-store-'));
  const db = openDatabase(path.join(dir, 'minimost.db'));
  return {
    stores: createSqliteAuthStores(db, createWriteQueue(db)),
    async dispose() {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite sessions', () => {
  it('touches sessions inside the group commit: two touches at once, one transaction', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-store-'));
    const db = openDatabase(path.join(dir, 'minimost.db'));
    try {
      let transactions = 0;
      const queue = createWriteQueue(db, [{ begin: () => transactions++, end: () => undefined }]);
      const stores = createSqliteAuthStores(db, queue);
      const alice = await stores.users.createUser({ username: 'alice', usernameKey: 'alice', passwordHash: 'h', now: 1000 });
      const [s1, s2] = [randomBytes(32), randomBytes(32)];
      for (const s of [s1, s2]) await stores.sessions.createSession({ tokenHash: s, userId: alice.id, now: 1000, ip: '::1', userAgent: 'test' });

      await Promise.all([stores.sessions.touchSession(s1, 5000), stores.sessions.touchSession(s2, 6000)]);
      expect(transactions).toBe(1);
      expect((await stores.sessions.findSession(s1))?.lastSeenAt).toBe(5000);
      expect((await stores.sessions.findSession(s2))?.lastSeenAt).toBe(6000);
    } finally {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
