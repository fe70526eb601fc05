import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/server/app.js';
import { createFileAuditLog } from '../../src/server/audit/audit-log.js';
import { buildSettings, type Config, type Settings } from '../../src/server/config/index.js';
import { systemClock, type Clock } from '../../src/server/lib/clock.js';
import { argon2Hasher } from '../../src/server/modules/auth/password-hasher.js';
import { CLIENT_DIR, DATABASE_FILE } from '../../src/server/main.js';
import { closeDatabase, openDatabase, type SqliteDatabase } from '../../src/server/storage/sqlite/database.js';
import { createSqliteStorage } from '../../src/server/storage/sqlite/storage.js';
import type { PreviewNet } from '../../src/server/modules/previews/safe-fetch.js';
import { offlinePreviewNet } from './preview-net.js';

export interface TestServer {
  url: string;
  app: App;
  db: SqliteDatabase;
  dataDir: string;
  auditFile: string;
  settings: Settings;
  close(): Promise<void>;
}

// Defaults that keep tests quick: no 3 s failure delay, no held refusals, and rate limits out of the way unless a
// test sets them.
const TEST_DEFAULTS: Partial<Settings> = {
  host: '127.0.0.1',
  port: 0,
  http: true,
  stun: false,
  login_failure_delay_ms: 0,
  refusal_delay_ms: 0,
  login_rate_limit_per_minute: 10_000,
  signup_rate_limit_per_minute: 10_000,
};

/** The real app on a real loopback port with a real SQLite file in a fresh folder. */
export async function startTestServer(
  overrides: Partial<Settings> = {},
  options: {
    clock?: Clock;
    https?: { key: string; cert: string };
    caCert?: string;
    dataDir?: string;
    /** Settings that change while running (signup, retention, metrics_token); the fixed ones if not given. */
    currentSettings?: () => Settings;
    /** The network link previews use; by default no name resolves and only loopback is reachable. */
    previewNet?: PreviewNet;
    previewTimeoutMs?: number;
  } = {},
): Promise<TestServer> {
  // A given data folder belongs to the caller (to restart on the same data) and outlives this server.
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'minimost-test-'));
  const flags = new Map<string, string>();
  const settings = { ...buildSettings({}, flags, {}), ...TEST_DEFAULTS, ...overrides } as Settings;
  const config: Config = { dataDir, settings };
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  const auditFile = path.join(dataDir, 'audit.log');
  const app = await createApp(config, {
    storage: createSqliteStorage(db),
    clock: options.clock ?? systemClock,
    hasher: argon2Hasher,
    audit: createFileAuditLog(auditFile, (options.clock ?? systemClock).now),
    clientDir: CLIENT_DIR,
    https: options.https ?? null,
    caCert: options.caCert ?? null,
    stunPort: settings.stun ? settings.stun_port : null,
    isHealthy: () => db.open,
    currentSettings: options.currentSettings,
    previews: { net: options.previewNet ?? offlinePreviewNet(), timeoutMs: options.previewTimeoutMs },
  });
  await app.server.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `${options.https ? 'https' : 'http'}://127.0.0.1:${port}`,
    app,
    db,
    dataDir,
    auditFile,
    settings,
    async close() {
      await app.server.close();
      closeDatabase(db);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
