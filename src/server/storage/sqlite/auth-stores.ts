import type { SqliteDatabase } from './database.js';
import type { WriteQueue } from './write-queue.js';
import {
  UsernameTakenError,
  type AuthStores,
  type LoginThrottle,
  type UserRecord,
} from '../../modules/auth/auth.store.js';

interface UserRow {
  id: number;
  username: string;
  username_key: string;
  password_hash: string;
  created_at: number;
  password_changed_at: number;
  deactivated_at: number | null;
  deleted_at: number | null;
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    usernameKey: row.username_key,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
    deactivatedAt: row.deactivated_at,
    deletedAt: row.deleted_at,
  };
}

/** A session row with its user's columns, all null when the user row is gone (LEFT JOIN). */
type SessionWithUserRow = { session_user_id: number; session_created_at: number; session_last_seen_at: number } & (
  | UserRow
  | { [K in keyof UserRow]: null }
);

export function createSqliteAuthStores(db: SqliteDatabase, queue: WriteQueue): AuthStores {
  const q = {
    insertUser: db.prepare<[string, string, string, number, number], UserRow>(
      `INSERT INTO users (username, username_key, password_hash, created_at, password_changed_at)
       VALUES (?, ?, ?, ?, ?) RETURNING *`,
    ),
    userById: db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?'),
    userByKey: db.prepare<[string], UserRow>('SELECT * FROM users WHERE username_key = ?'),
    setPassword: db.prepare<[string, number, number]>(
      'UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?',
    ),
    insertSession: db.prepare<[Buffer, number, number, number, string, string]>(
      `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    session: db.prepare<[Buffer], { user_id: number; created_at: number; last_seen_at: number }>(
      'SELECT user_id, created_at, last_seen_at FROM sessions WHERE token_hash = ?',
    ),
    // The session's own columns under other names: users has a created_at of its own.
    sessionWithUser: db.prepare<[Buffer], SessionWithUserRow>(
      `SELECT s.user_id AS session_user_id, s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at,
         u.id, u.username, u.username_key, u.password_hash, u.created_at, u.password_changed_at, u.deactivated_at, u.deleted_at
       FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    ),
    touchSession: db.prepare<[number, Buffer]>('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?'),
    deleteSession: db.prepare<[Buffer]>('DELETE FROM sessions WHERE token_hash = ?'),
    deleteUserSessions: db.prepare<[number, Buffer | null]>('DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?'),
    deleteIdle: db.prepare<[number]>('DELETE FROM sessions WHERE last_seen_at < ?'),
    throttle: db.prepare<[string], { failures: number; locked_until: number | null }>(
      'SELECT failures, locked_until FROM login_failures WHERE username_key = ?',
    ),
    // A lock that has run out starts a fresh count rather than re-locking on the next single failure.
    recordFailure: db.prepare<
      { key: string; now: number; max: number; lockMs: number },
      { failures: number; locked_until: number | null }
    >(
      `INSERT INTO login_failures (username_key, failures, locked_until)
       VALUES (:key, 1, CASE WHEN :max <= 1 THEN :now + :lockMs END)
       ON CONFLICT (username_key) DO UPDATE SET
         failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= :now THEN 1 ELSE failures + 1 END,
         locked_until = CASE
           WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= :now THEN 1 ELSE failures + 1 END) >= :max
             THEN :now + :lockMs
           ELSE NULL END
       RETURNING failures, locked_until`,
    ),
    clearThrottle: db.prepare<[string]>('DELETE FROM login_failures WHERE username_key = ?'),
    insertResetToken: db.prepare<[Buffer, number, number, number]>(
      'INSERT INTO password_reset_tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    consumeResetToken: db.prepare<[number, Buffer, number], { user_id: number }>(
      `UPDATE password_reset_tokens SET used_at = ?
       WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id`,
    ),
  };

  return {
    users: {
      async createUser({ username, usernameKey, passwordHash, now }) {
        try {
          return toUser(q.insertUser.get(username, usernameKey, passwordHash, now, now) as UserRow);
        } catch (err) {
          if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new UsernameTakenError(username);
          throw err;
        }
      },
      async findUserById(id) {
        const row = q.userById.get(id);
        return row ? toUser(row) : null;
      },
      async findUserByKey(key) {
        const row = q.userByKey.get(key);
        return row ? toUser(row) : null;
      },
      async setPasswordHash(userId, hash, now) {
        q.setPassword.run(hash, now, userId);
      },
    },
    sessions: {
      async createSession({ tokenHash, userId, now, ip, userAgent }) {
        q.insertSession.run(tokenHash, userId, now, now, ip, userAgent);
      },
      async findSession(tokenHash) {
        const row = q.session.get(tokenHash);
        return row ? { userId: row.user_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at } : null;
      },
      async findSessionWithUser(tokenHash) {
        const row = q.sessionWithUser.get(tokenHash);
        if (!row) return null;
        const session = { userId: row.session_user_id, createdAt: row.session_created_at, lastSeenAt: row.session_last_seen_at };
        return { session, user: row.id === null ? null : toUser(row) };
      },
      // The one write most requests of a busy server may make (once a minute per session): in the group commit, not
      // a commit and an fsync of its own on the event loop.
      touchSession(tokenHash, now) {
        return queue.run(() => {
          q.touchSession.run(now, tokenHash);
        }, { replayable: true });
      },
      async deleteSession(tokenHash) {
        q.deleteSession.run(tokenHash);
      },
      async deleteUserSessions(userId, keep) {
        return q.deleteUserSessions.run(userId, keep ?? null).changes;
      },
      async deleteSessionsIdleSince(cutoff) {
        return q.deleteIdle.run(cutoff).changes;
      },
    },
    throttle: {
      async getThrottle(key): Promise<LoginThrottle> {
        const row = q.throttle.get(key);
        return { failures: row?.failures ?? 0, lockedUntil: row?.locked_until ?? null };
      },
      async recordFailure(key, { now, maxFailures, lockMs }) {
        const row = q.recordFailure.get({ key, now, max: maxFailures, lockMs }) as {
          failures: number;
          locked_until: number | null;
        };
        return { failures: row.failures, lockedUntil: row.locked_until };
      },
      async clearThrottle(key) {
        q.clearThrottle.run(key);
      },
    },
    resetTokens: {
      async createResetToken({ tokenHash, userId, now, expiresAt }) {
        q.insertResetToken.run(tokenHash, userId, now, expiresAt);
      },
      async consumeResetToken(tokenHash, now) {
        return q.consumeResetToken.get(now, tokenHash, now)?.user_id ?? null;
      },
    },
  };
}
