import type { UserSummary } from '../../../shared/protocol/conversations.js';
import type { ProfileStore } from '../../modules/profiles/profiles.store.js';
import type { SqliteDatabase } from './database.js';
import type { WriteQueue } from './write-queue.js';

interface SummaryRow {
  id: number;
  username: string;
  deleted: number;
  avatar_version: number | null;
  colour: string | null;
}

/** The columns every user summary is made of, for the queries that list users. */
export const USER_SUMMARY_COLUMNS = 'id, username, deleted_at IS NOT NULL AS deleted, avatar_version, colour';

export function toUserSummary(row: SummaryRow): UserSummary & { deleted: boolean; avatarVersion: number | null; colour: string | null } {
  return { id: row.id, username: row.username, deleted: row.deleted === 1, avatarVersion: row.avatar_version, colour: row.colour };
}

export function createSqliteProfileStore(db: SqliteDatabase, queue: WriteQueue): ProfileStore {
  const q = {
    summary: db.prepare<[number], SummaryRow>(`SELECT ${USER_SUMMARY_COLUMNS} FROM users WHERE id = ?`),
    current: db.prepare<[number], { avatar_version: number | null }>('SELECT avatar_version FROM users WHERE id = ? AND deleted_at IS NULL'),
    advance: db.prepare<[number], { avatar_version: number }>(
      `UPDATE users SET avatar_uploads = avatar_uploads + 1, avatar_version = avatar_uploads + 1
       WHERE id = ? AND deleted_at IS NULL RETURNING avatar_version`,
    ),
    clear: db.prepare<[number]>('UPDATE users SET avatar_version = NULL WHERE id = ?'),
    colour: db.prepare<[string | null, number]>('UPDATE users SET colour = ? WHERE id = ? AND deleted_at IS NULL'),
  };
  return {
    getUserSummary: async (userId) => {
      const row = q.summary.get(userId);
      return row ? toUserSummary(row) : null;
    },
    advanceAvatar: (userId) =>
      queue.run(() => {
        const before = q.current.get(userId);
        if (!before) return null;
        const after = q.advance.get(userId);
        return after ? { version: after.avatar_version, previous: before.avatar_version } : null;
      }),
    clearAvatar: (userId) =>
      queue.run(() => {
        const before = q.current.get(userId)?.avatar_version ?? null;
        if (before !== null) q.clear.run(userId);
        return before;
      }),
    setColour: (userId, colour) => queue.run(() => q.colour.run(colour, userId).changes > 0),
  };
}
