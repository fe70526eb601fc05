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
import { startCheckpointer } from './storage/sqlite/checkpointer.js';
import { closeDatabase, DATABASE_FILE, openDatabase } from './storage/sqlite/database.js';
import { createSqliteStorage } from './storage/sqlite/storage.js';
import { formatBanner } from './banner.js';
import { localIpAddresses } from './tls/local-addresses.js';
import { watchSettingsFile } from './config/live-settings.js';
import { createLogger } from './logging/logger.js';
import { startDiagnostics } from './diagnostics.js';
import { settleHeapAfterStart } from './lib/settle-heap.js';

// Resolves to <package>/dist/client from both dist/server (built) and src/server (run from source).
export const CLIENT_DIR = fileURLToPath(new URL('../../dist/client/', import.meta.url));

export { DATABASE_FILE };

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
  // Loaded only when the certificates are ours to make: X.509 parsing is not needed for plain HTTP or given files.
  const { ensureTlsMaterial } = await import('./tls/certificates.js');
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
export async function runServer(
  config: Config,
  options: { log?: (line: string) => void; flags?: ReadonlyMap<string, string> } = {},
): Promise<() => Promise<void>> {
  const { settings, dataDir } = config;
  const logger = createLogger({ level: settings.log_level, pretty: process.stdout.isTTY === true });
  // The banner is for people: on stdout in a terminal, else on stderr, so that stdout stays pure JSON lines.
  const log = options.log ?? ((line: string) => (process.stdout.isTTY ? process.stdout : process.stderr).write(`${line}\n`));
  ensureDataDir(dataDir);
  const db = openDatabase(path.join(dataDir, DATABASE_FILE), { synchronous: settings.durability === 'normal' ? 'NORMAL' : 'FULL' });
  const tls = await loadTls(config);
  const storage = createSqliteStorage(db);
  const checkpointer = startCheckpointer(db, { onError: (message) => logger.error(message) });
  let stun: StunServer | null = null;
  if (settings.stun) {
    stun = await startStunServer({
      host: settings.host,
      port: settings.stun_port,
      onError: (err) => logger.error({ err }, 'STUN server error'),
    });
  }
  const { server, hub } = await createApp(config, {
    storage,
    clock: systemClock,
    hasher: argon2Hasher,
    audit: createFileAuditLog(path.join(dataDir, 'audit.log')),
    clientDir: CLIENT_DIR,
    https: tls.https,
    caCert: tls.caCert,
    stunPort: stun?.port ?? null,
    isHealthy: () => db.open && db.prepare('SELECT 1 AS ok').get() !== undefined,
    loggerInstance: logger,
    currentSettings: watchSettingsFile({
      dataDir,
      initial: settings,
      flags: options.flags ?? new Map(),
      env: process.env,
      onChange: ({ applied, needRestart }) => logger.info({ applied, needRestart }, 'settings.json changed'),
      onError: (message) => logger.error(message),
    }),
  });
  await server.listen({ host: settings.host, port: settings.port });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;

  const sweep = setInterval(() => {
    // A full disk must not turn this housekeeping into an unhandled rejection that stops the server.
    storage.auth.sessions.deleteSessionsIdleSince(Date.now() - settings.session_idle_minutes * 60_000).catch((err: unknown) => {
      logger.error({ err }, 'could not delete idle sessions');
    });
  }, 3_600_000);
  sweep.unref();
  const stopSettlingHeap = settleHeapAfterStart();
  const diagnosticsFile = process.env.MINIMOST_DIAGNOSTICS_FILE;
  const stopDiagnostics = diagnosticsFile ? startDiagnostics({ file: diagnosticsFile, webSockets: () => hub.connectionCount, httpServer: server.server }) : null;


  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(sweep);
      stopSettlingHeap();
      stopDiagnostics?.();
      await server.close();
      await stun?.close();
      await checkpointer?.stop();
      closeDatabase(db);
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info(`Received ${signal}; shutting down.`);
      stop().then(
        () => {
          logger.info('MiniMost stopped');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  // Announced only once the signal handlers are in place: whoever reads the banner (a person, a test, a
  // supervisor) may stop us at once, and a SIGTERM before that would kill the process without closing the database.
  log(formatBanner({ tls: !settings.http, host: settings.host, port, stunPort: stun?.port ?? null, dataDir, caAvailable: tls.caCert !== null }));
  logger.info({ host: settings.host, port, tls: !settings.http, stunPort: stun?.port ?? null, dataDir }, 'MiniMost started');
  return stop;
}
