import type { SqliteDatabase } from './database.js';
import { otherProcessesWrote } from './other-writers.js';

/** The columns a user summary is made of (see USER_SUMMARY_COLUMNS); a change to any other column keeps lists valid. */
const SUMMARY_SOURCE_COLUMNS = 'username, username_key, deleted_at, avatar_version, colour';

interface UserChanges {
  /** Moved by this connection's writes to the users table. */
  local: number;
}

const watched = new WeakMap<SqliteDatabase, UserChanges>();

/**
 * This process's own writes are counted by temporary triggers: they see every write path of this connection,
 * whichever store makes it, and no other connection runs them. Another process's writes (the admin CLI adding
 * someone while the server runs) move `data_version`, one cheap read. A write that is rolled back counts too,
 * which only costs one rebuild more.
 */
function watch(db: SqliteDatabase): UserChanges {
  const known = watched.get(db);
  if (known) return known;
  const changes: UserChanges = { local: 0 };
  db.function('minimost_users_changed', { deterministic: false }, () => {
    changes.local++;
    return null;
  });
  for (const [name, event] of [
    ['insert', 'INSERT'],
    ['delete', 'DELETE'],
    ['update', `UPDATE OF ${SUMMARY_SOURCE_COLUMNS}`],
  ] as const) {
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS minimost_users_${name} AFTER ${event} ON main.users BEGIN SELECT minimost_users_changed(); END`);
  }
  watched.set(db, changes);
  return changes;
}

/**
 * `build`'s result, kept until the users table may have changed in a way a user list shows: for lists of every
 * account, which are asked for on every sidebar load and change only on sign-ups, renames, pictures, colours and
 * deletions. The result is shared between callers, so it is frozen (shallowly: a caller that changes it fails).
 */
export function keptUntilUsersChange<T extends object>(db: SqliteDatabase, build: () => T): () => T {
  const changes = watch(db);
  const othersWrote = otherProcessesWrote(db);
  let kept: { local: number; value: T } | null = null;
  return () => {
    // Asked first, every time, so that what it has seen stays current.
    if (othersWrote() || kept === null || kept.local !== changes.local) {
      kept = { local: changes.local, value: Object.freeze(build()) };
    }
    return kept.value;
  };
}
