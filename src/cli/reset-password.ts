import { existsSync } from 'node:fs';
import path from 'node:path';
import { createFileAuditLog } from '../server/audit/audit-log.js';
import { ConfigError, loadConfig, type ParsedFlags, type Settings } from '../server/config/index.js';
import { systemClock } from '../server/lib/clock.js';
import { createAuthService } from '../server/modules/auth/auth.service.js';
import { argon2Hasher } from '../server/modules/auth/password-hasher.js';
import { DATABASE_FILE } from '../server/main.js';
import { closeDatabase, openDatabase } from '../server/storage/sqlite/database.js';
import { createConversationService } from '../server/modules/conversations/conversations.service.js';
import { createMessageService } from '../server/modules/messages/messages.service.js';
import { createLocalEventBus } from '../server/realtime/event-bus.js';
import { createSqliteStorage } from '../server/storage/sqlite/storage.js';
import { localIpAddresses } from '../server/tls/index.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The address people use: the configured public URL, else the first LAN address (or the bound host). */
export function baseUrl(settings: Settings): string {
  if (settings.public_url !== '') return settings.public_url.replace(/\/+$/, '');
  const wildcard = settings.host === '0.0.0.0' || settings.host === '::';
  const host = wildcard ? (localIpAddresses().ipv4.find((ip) => ip !== '127.0.0.1') ?? 'localhost') : settings.host;
  return `${settings.http ? 'http' : 'https'}://${host.includes(':') ? `[${host}]` : host}:${settings.port}`;
}

/**
 * Safe while the server runs: SQLite in WAL mode lets this short write wait for the server's writer.
 * The token travels in the URL fragment, which browsers never send to a server or put in a Referer.
 */
export async function resetPassword(flags: ParsedFlags, dataDir: string): Promise<void> {
  const username = flags.positionals[1];
  if (!username || flags.positionals.length > 2) throw new UsageError('usage: minimost reset-password <user> [--expires MINUTES]');
  const expiresText = flags.extra.get('expires') ?? '60';
  const expires = Number(expiresText);
  if (!/^\d+$/.test(expiresText) || expires < 1 || expires > 10080) {
    throw new UsageError(`invalid --expires: expected minutes from 1 to 10080, got ${JSON.stringify(expiresText)}`);
  }
  const dbFile = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(dbFile)) throw new ConfigError(`no MiniMost database at ${dbFile} (is --data-dir right?)`);
  const config = loadConfig({ dataDir, flags: flags.settings, env: process.env, createFiles: false });
  const db = openDatabase(dbFile);
  try {
    // This process has no sockets: the notice is stored and the user sees it when their app next loads.
    const storage = createSqliteStorage(db);
    const bus = createLocalEventBus();
    const messages = createMessageService({ messages: storage.messages, conversations: storage.conversations, bus, clock: systemClock });
    const conversations = createConversationService({ store: storage.conversations, bus, clock: systemClock, announceMessage: messages.announceNew });
    const auth = createAuthService({
      stores: storage.auth,
      hasher: argon2Hasher,
      clock: systemClock,
      audit: createFileAuditLog(path.join(dataDir, 'audit.log')),
      policy: {
        passwordMinLength: config.settings.password_min_length,
        maxFailures: config.settings.login_max_failures,
        lockoutMs: config.settings.login_lockout_minutes * 60_000,
        failureDelayMs: 0,
        sessionIdleMs: config.settings.session_idle_minutes * 60_000,
      },
      hooks: {
        resetRequested: (user) =>
          conversations.notifyPasswordResetRequested(user.id),
      },
    });
    const { user, token } = await auth.issueResetToken(username, expires);
    process.stdout.write(
      `Password reset link for ${user.username} (single use, valid ${expires} minute${expires === 1 ? '' : 's'}):\n` +
        `${baseUrl(config.settings)}/reset-password#token=${token}\n`,
    );
  } finally {
    closeDatabase(db);
  }
}
