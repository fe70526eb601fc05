import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describePreviewStoreContract } from '../contract/preview-store.contract.js';
import { closeDatabase, openDatabase } from './database.js';
import { createSqliteStorage } from './storage.js';

describePreviewStoreContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-previews-'));
  const db = openDatabase(path.join(dir, 'minimost.db'));
  return {
    stores: createSqliteStorage(db),
    async dispose() {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
