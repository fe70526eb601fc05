import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeMentionAndPinStoreContract } from '../contract/mention-and-pin-stores.contract.js';
import { closeDatabase, openDatabase } from './database.js';
import { createSqliteStorage } from './storage.js';

describeMentionAndPinStoreContract('SQLite', async () => {
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
