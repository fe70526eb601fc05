import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeAuthStoreContract } from '../contract/auth-stores.contract.js';
import { createSqliteAuthStores } from './auth-stores.js';
import { closeDatabase, openDatabase } from './database.js';

describeAuthStoreContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-store-'));
  const db = openDatabase(path.join(dir, 'minimost.db'));
  return {
    stores: createSqliteAuthStores(db),
    async dispose() {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
