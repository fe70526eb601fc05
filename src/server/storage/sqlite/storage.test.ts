import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeConversationStoreContract } from '../contract/conversation-stores.contract.js';
import { describeReactionStoreContract } from '../contract/reaction-store.contract.js';
import { closeDatabase, openDatabase } from './database.js';
import { createSqliteStorage } from './storage.js';

describeConversationStoreContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-store-'));
  const db = openDatabase(path.join(dir, 'minimost.db'));
  return {
    stores: createSqliteStorage(db),
    async dispose() {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeReactionStoreContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-store-'));
  const db = openDatabase(path.join(dir, 'minimost.db'));
  return {
    stores: createSqliteStorage(db),
    async dispose() {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
