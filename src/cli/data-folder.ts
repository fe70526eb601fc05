import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createFileAuditLog } from '../server/audit/audit-log.js';
import { ConfigError, loadConfig, type Config, type ParsedFlags } from '../server/config/index.js';
import { systemClock } from '../server/lib/clock.js';
import { createAccountService } from '../server/modules/accounts/accounts.service.js';
import { createAuthService } from '../server/modules/auth/auth.service.js';
import { argon2Hasher } from '../server/modules/auth/password-hasher.js';
import { createConversationService } from '../server/modules/conversations/conversations.service.js';
import { createExportService } from '../server/modules/export/export.service.js';
import { createMessageService } from '../server/modules/messages/messages.service.js';
import { createAvatarFiles } from '../server/modules/profiles/avatar-files.js';
import { createRetentionService, MIB } from '../server/modules/retention/retention.service.js';
import { openUploadFolder } from '../server/modules/uploads/upload-folder.js';
import { createUploadService } from '../server/modules/uploads/uploads.service.js';
import { createLocalEventBus } from '../server/realtime/event-bus.js';
import { DATABASE_FILE, openDatabase, type SqliteDatabase } from '../server/storage/sqlite/database.js';
import { createSqliteStorage } from '../server/storage/sqlite/storage.js';

/**
 * Refuses to run as root on a data folder that belongs to someone else (the service account): files SQLite
 * creates beside the database (-wal, -shm) would then belong to root, and the server could no longer open it.
 */
export function assertRunAsOwner(dataDir: string): void {
  const uid = process.getuid?.();
  if (uid !== 0 || !existsSync(dataDir)) return;
  const owner = statSync(dataDir).uid;
  if (owner !== 0) {
    throw new ConfigError(
      `the data folder ${dataDir} belongs to user id ${owner}; run this command as that user (e.g. sudo -u minimost minimost …) so the files it creates stay readable by the server`,
    );
  }
}

export function databaseFile(dataDir: string): string {
  const file = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new ConfigError(`no MiniMost database at ${file} (is --data-dir right?)`);
  return file;
}

/** A read-only look at the database as it is, without upgrading its schema (doctor, backup). */
export function openReadOnly(file: string): SqliteDatabase {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * The data folder opened for an admin command: settings (settings.json < environment < flags, as for `serve`),
 * the database (upgraded if this MiniMost is newer) and the services, wired as the server wires them. Safe while
 * the server runs: SQLite in WAL mode, each write a short transaction that waits for the server's (busy_timeout).
 * This process has no sockets: events it publishes go nowhere, and the server notices ended sessions by itself.
 */
export function openDataFolder(flags: ParsedFlags, dataDir: string) {
  assertRunAsOwner(dataDir);
  const file = databaseFile(dataDir);
  const config: Config = loadConfig({ dataDir, flags: flags.settings, env: process.env, createFiles: false });
  const { settings } = config;
  const db = openDatabase(file);
  const storage = createSqliteStorage(db);
  const clock = systemClock;
  const bus = createLocalEventBus();
  const audit = createFileAuditLog(path.join(dataDir, 'audit.log'));
  const messages = createMessageService({ messages: storage.messages, conversations: storage.conversations, bus, clock });
  const conversations = createConversationService({ store: storage.conversations, bus, clock, announceMessage: messages.announceNew });
  const auth = createAuthService({
    stores: storage.auth,
    hasher: argon2Hasher,
    clock,
    audit,
    policy: {
      passwordMinLength: settings.password_min_length,
      maxFailures: settings.login_max_failures,
      lockoutMs: settings.login_lockout_minutes * 60_000,
      failureDelayMs: 0,
      sessionIdleMs: settings.session_idle_minutes * 60_000,
    },
    hooks: { resetRequested: (user) => conversations.notifyPasswordResetRequested(user.id) },
  });
  const accounts = createAccountService({
    accounts: storage.accounts,
    auth: storage.auth,
    hasher: argon2Hasher,
    clock,
    audit,
    hooks: { userCreated: (user) => conversations.welcomeUser(user) },
  });
  const uploads = createUploadService({
    store: storage.uploads,
    messages: storage.messages,
    conversations: storage.conversations,
    folder: openUploadFolder(dataDir),
    clock,
    maxUploadBytes: () => settings.max_upload_mb * MIB,
  });
  return {
    config,
    db,
    storage,
    auth,
    accounts,
    uploads,
    retention: createRetentionService({ store: storage.retention, clock, policy: () => settings, users: storage.conversations, attachments: uploads }),
    exports: createExportService({ exports: storage.exports, conversations: storage.conversations, messages: storage.messages, avatars: createAvatarFiles(dataDir) }),
    /** No checkpoint of our own: the server keeps doing its own, and SQLite folds the log in when the last connection closes. */
    close: () => db.close(),
  };
}
