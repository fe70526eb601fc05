import type { AccountStore, AccountSummary } from '../../modules/accounts/accounts.store.js';
import type { SqliteDatabase } from './database.js';
import type { WriteQueue } from './write-queue.js';

/** What a deleted account is called from then on; its messages are shown as from "Deleted user". */
export const DELETED_USERNAME = 'Deleted user';

interface AccountRow {
  id: number;
  username: string;
  created_at: number;
  last_seen_at: number | null;
  deactivated_at: number | null;
  deleted_at: number | null;
  messages: number;
}

export function createSqliteAccountStore(db: SqliteDatabase, queue: WriteQueue): AccountStore {
  const q = {
    list: db.prepare<[], AccountRow>(
      `SELECT u.id, u.username, u.created_at, u.deactivated_at, u.deleted_at,
         (SELECT max(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS last_seen_at,
         (SELECT count(*) FROM messages m WHERE m.author_id = u.id AND m.deleted_at IS NULL) AS messages
       FROM users u ORDER BY u.id`,
    ),
    deactivate: db.prepare<[number, number]>('UPDATE users SET deactivated_at = ? WHERE id = ? AND deactivated_at IS NULL'),
    reactivate: db.prepare<[number]>('UPDATE users SET deactivated_at = NULL WHERE id = ? AND deactivated_at IS NOT NULL'),
    endSessions: db.prepare<[number]>('DELETE FROM sessions WHERE user_id = ?'),
    endResetTokens: db.prepare<[number]>('DELETE FROM password_reset_tokens WHERE user_id = ?'),
    // Which conversations someone muted says something about them: it goes with the account.
    clearPreferences: db.prepare<[number]>('DELETE FROM user_preferences WHERE user_id = ?'),
    clearMutes: db.prepare<[number]>('DELETE FROM conversation_mutes WHERE user_id = ?'),
    clearThrottle: db.prepare<[number]>('DELETE FROM login_failures WHERE username_key = (SELECT username_key FROM users WHERE id = ?)'),
    // The key cannot collide with a real one: usernames never contain "#".
    markDeleted: db.prepare<[string, number, number]>(
      `UPDATE users SET username = ?, username_key = '#deleted:' || id, password_hash = '!', deleted_at = ?,
         presence_override = NULL, avatar_version = NULL, colour = NULL WHERE id = ?`,
    ),
  };

  return {
    listAccounts: async () =>
      q.list.all().map(
        (r): AccountSummary => ({
          id: r.id,
          username: r.username,
          createdAt: r.created_at,
          lastSeenAt: r.last_seen_at,
          deactivatedAt: r.deactivated_at,
          deletedAt: r.deleted_at,
          messages: r.messages,
        }),
      ),
    deactivate: (userId, now) =>
      queue.run(() => {
        const changed = q.deactivate.run(now, userId).changes > 0;
        return { changed, sessionsEnded: q.endSessions.run(userId).changes };
      }),
    reactivate: (userId) => queue.run(() => q.reactivate.run(userId).changes > 0),
    markDeleted: (userId, now) =>
      queue.run(() => {
        q.clearThrottle.run(userId);
        q.endSessions.run(userId);
        q.endResetTokens.run(userId);
        q.clearPreferences.run(userId);
        q.clearMutes.run(userId);
        q.markDeleted.run(DELETED_USERNAME, now, userId);
      }),
  };
}
