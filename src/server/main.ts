import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStunServer, type StunServer } from '../stun/index.js';
import { createApp } from './app.js';
import { createFileAuditLog } from './audit/audit-log.js';
import { ConfigError, ensureDataDir, type Config } from './config/index.js';
import { systemClock } from './lib/clock.js';
import { argon2Hasher } from './modules/auth/password-hasher.js';
import { closeDatabase, openDatabase } from './storage/sqlite/database.js';
import { createSqliteStorage } from './storage/sqlite/storage.js';
import { ensureTlsMaterial, localIpAddresses } from './tls/index.js';
import { formatBanner } from './banner.js';

// Resolves to <package>/dist/client from both dist/server (built) and src/server (run from source).
export const CLIENT_DIR = fileURLToPath(new URL('../../dist/client/', import.meta.url));

export const DATABASE_FILE = 'minimost.db';

interface Tls {
  https: { key: string; cert: string } | null;
  caCert: string | null;
}

async function loadTls(config: Config): Promise<Tls> {
  const { settings, dataDir } = config;
  if (settings.http) return { https: null, caCert: null };
  if (settings.tls_cert !== '') {
    const read = (file: string, key: string) => {
      try {
        return readFileSync(path.resolve(file), 'utf8');
      } catch (err) {
        throw new ConfigError(`invalid --${key}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    };
    return { https: { cert: read(settings.tls_cert, 'tls-cert'), key: read(settings.tls_key, 'tls-key') }, caCert: null };
  }
  const { ipv4, ipv6 } = localIpAddresses();
  const material = await ensureTlsMaterial({
    dir: path.join(dataDir, 'tls'),
    hostnames: [os.hostname()],
    ipAddresses: [...ipv4, ...ipv6],
  });
  return { https: { key: material.key, cert: material.cert }, caCert: material.caCert };
}

/**
 * Starts MiniMost: data folder, database, certificates, STUN, HTTP(S). The only place that binds ports.
 * Resolves once listening; SIGINT/SIGTERM stop it gracefully.
 */
export async function runServer(config: Config, options: { log?: (line: string) => void } = {}): Promise<() => Promise<void>> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { settings, dataDir } = config;
  ensureDataDir(dataDir);
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  const tls = await loadTls(config);
  const storage = createSqliteStorage(db);
  let stun: StunServer | null = null;
  if (settings.stun) {
    stun = await startStunServer({
      host: settings.host,
      port: settings.stun_port,
      onError: (err) => log(`STUN server error: ${err.message}`),
    });
  }
  const { server } = await createApp(config, {
    storage,
    clock: systemClock,
    hasher: argon2Hasher,
    audit: createFileAuditLog(path.join(dataDir, 'audit.log')),
    clientDir: CLIENT_DIR,
    https: tls.https,
    caCert: tls.caCert,
    stunPort: stun?.port ?? null,
    isHealthy: () => db.open && db.prepare('SELECT 1 AS ok').get() !== undefined,
    logger: { level: process.env.MINIMOST_LOG_LEVEL ?? 'warn' },
  });
  await server.listen({ host: settings.host, port: settings.port });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;

  const sweep = setInterval(() => {
    void storage.auth.sessions.deleteSessionsIdleSince(Date.now() - settings.session_idle_minutes * 60_000);
  }, 3_600_000);
  sweep.unref();

  log(formatBanner({ tls: !settings.http, host: settings.host, port, stunPort: stun?.port ?? null, dataDir, caAvailable: tls.caCert !== null }));

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(sweep);
      await server.close();
      await stun?.close();
      closeDatabase(db);
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`Received ${signal}; shutting down.`);
      stop().then(
        () => process.exit(0),
        (err: unknown) => {
          log(`Shutdown failed: ${(err as Error).message}`);
          process.exit(1);
        },
      );
    });
  }
  return stop;
}
