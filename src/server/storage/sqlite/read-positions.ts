import type { SqliteDatabase } from './database.js';
import { otherProcessesWrote } from './other-writers.js';

export interface ReadPositionRow {
  userId: number;
  seq: number;
  joinedAt: number;
}

/** Below this many members a conversation's positions are read each time: a few rows cost less than keeping them. */
export const KEEP_FROM_MEMBERS = 64;

interface Kept {
  /** In user id order, as the query answers; replaced (never changed) when a position moves. */
  list: readonly ReadPositionRow[];
  indexOf: Map<number, number>;
  /** Members whose position was written since `list` was read: read again before the list is used. */
  moved: Set<number>;
}

/**
 * Every member's read position, as history pages carry it, kept per conversation for the big ones (a public channel
 * has everyone, and each page of it listed them all from the database). Temporary triggers on this connection see
 * every write to memberships, whichever store makes it: a member joining or leaving drops the conversation's list;
 * a position that moves marks that member, whose row alone is read again before the list is next used, so what is
 * answered is always what is committed, a rolled-back write included. Another process's writes (the admin CLI) move
 * `data_version` and drop every list.
 */
export function createReadPositions(db: SqliteDatabase): (conversationId: number) => readonly ReadPositionRow[] {
  // One per connection: a second set of functions would replace the first's, whose lists would then go stale.
  const known = perConnection.get(db);
  if (known) return known;
  const positions = keepReadPositions(db);
  perConnection.set(db, positions);
  return positions;
}

const perConnection = new WeakMap<SqliteDatabase, (conversationId: number) => readonly ReadPositionRow[]>();

function keepReadPositions(db: SqliteDatabase): (conversationId: number) => readonly ReadPositionRow[] {
  const q = {
    all: db.prepare<[number], { user_id: number; read_seq: number; joined_at: number }>(
      'SELECT user_id, read_seq, joined_at FROM memberships WHERE conversation_id = ? ORDER BY user_id',
    ),
    one: db.prepare<[number, number], { read_seq: number; joined_at: number }>(
      'SELECT read_seq, joined_at FROM memberships WHERE conversation_id = ? AND user_id = ?',
    ),
  };
  const kept = new Map<number, Kept>();
  const othersWrote = otherProcessesWrote(db);

  db.function('minimost_position_moved', { deterministic: false }, (conversationId, userId) => {
    kept.get(Number(conversationId))?.moved.add(Number(userId));
    return null;
  });
  db.function('minimost_members_changed', { deterministic: false }, (conversationId) => {
    kept.delete(Number(conversationId));
    return null;
  });
  db.exec(`
    CREATE TEMP TRIGGER IF NOT EXISTS minimost_position_moved AFTER UPDATE OF read_seq, joined_at ON main.memberships
      BEGIN SELECT minimost_position_moved(NEW.conversation_id, NEW.user_id); END;
    CREATE TEMP TRIGGER IF NOT EXISTS minimost_member_renumbered AFTER UPDATE OF conversation_id, user_id ON main.memberships
      BEGIN SELECT minimost_members_changed(OLD.conversation_id), minimost_members_changed(NEW.conversation_id); END;
    CREATE TEMP TRIGGER IF NOT EXISTS minimost_member_added AFTER INSERT ON main.memberships
      BEGIN SELECT minimost_members_changed(NEW.conversation_id); END;
    CREATE TEMP TRIGGER IF NOT EXISTS minimost_member_removed AFTER DELETE ON main.memberships
      BEGIN SELECT minimost_members_changed(OLD.conversation_id); END;
  `);

  function readAll(conversationId: number): ReadPositionRow[] {
    return q.all.all(conversationId).map((r) => ({ userId: r.user_id, seq: r.read_seq, joinedAt: r.joined_at }));
  }

  return (conversationId) => {
    // Inside a write the lists may hold what is not committed yet; only ever asked between writes, but be safe.
    if (db.inTransaction) return readAll(conversationId);
    if (othersWrote()) kept.clear();
    const entry = kept.get(conversationId);
    if (!entry) {
      const list = readAll(conversationId);
      if (list.length >= KEEP_FROM_MEMBERS) {
        kept.set(conversationId, { list: Object.freeze(list), indexOf: new Map(list.map((p, i) => [p.userId, i])), moved: new Set() });
      }
      return list;
    }
    if (entry.moved.size > 0) {
      const list = entry.list.slice();
      for (const userId of entry.moved) {
        const index = entry.indexOf.get(userId);
        const row = q.one.get(conversationId, userId);
        if (index === undefined || !row) {
          // Not a member the list knows (cannot happen without an insert, which drops the list): read it whole.
          kept.delete(conversationId);
          return readAll(conversationId);
        }
        list[index] = { userId, seq: row.read_seq, joinedAt: row.joined_at };
      }
      entry.moved.clear();
      entry.list = Object.freeze(list);
    }
    return entry.list;
  };
}
