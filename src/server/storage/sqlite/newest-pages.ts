import type { MessageRecord } from '../../modules/messages/messages.store.js';
import type { SqliteDatabase } from './database.js';
import { otherProcessesWrote } from './other-writers.js';

/** Conversations whose newest page is kept; past this the least recently asked for goes (≈25 KB each). */
const KEPT_CONVERSATIONS = 256;

type ReadNewest = (conversationId: number, limit: number) => MessageRecord[];
type NewestPage = (conversationId: number, options: { minSeq: number; limit: number }) => readonly MessageRecord[];

const perConnection = new WeakMap<SqliteDatabase, NewestPage>();

/**
 * The newest messages of a conversation, as opening it asks for them (about half of what people do is switching
 * conversation, and a busy channel is opened by many between two of its messages). Kept per conversation until
 * any of its messages is written: a temporary trigger on this connection sees every insert, edit, reaction, pin,
 * preview and deletion, whichever store makes it (a parent shown in a reply is in the same conversation). Another
 * process's writes move `data_version` and drop every page. `readNewest` must answer the newest `limit` messages
 * not deleted, newest first, from the start of the conversation; a member who sees history only after some seq gets
 * the kept page cut there, which is what the query would answer.
 */
export function createNewestPages(db: SqliteDatabase, readNewest: ReadNewest): NewestPage {
  const known = perConnection.get(db);
  if (known) return known;
  const pages = keepNewestPages(db, readNewest);
  perConnection.set(db, pages);
  return pages;
}

function keepNewestPages(db: SqliteDatabase, readNewest: ReadNewest): NewestPage {
  const kept = new Map<number, { limit: number; rows: readonly MessageRecord[] }>();
  const othersWrote = otherProcessesWrote(db);

  db.function('minimost_messages_changed', { deterministic: false }, (conversationId) => {
    kept.delete(Number(conversationId));
    return null;
  });
  db.exec(`
    CREATE TEMP TRIGGER IF NOT EXISTS minimost_message_added AFTER INSERT ON main.messages
      BEGIN SELECT minimost_messages_changed(NEW.conversation_id); END;
    CREATE TEMP TRIGGER IF NOT EXISTS minimost_message_changed AFTER UPDATE ON main.messages
      BEGIN SELECT minimost_messages_changed(OLD.conversation_id), minimost_messages_changed(NEW.conversation_id); END;
    CREATE TEMP TRIGGER IF NOT EXISTS minimost_message_removed AFTER DELETE ON main.messages
      BEGIN SELECT minimost_messages_changed(OLD.conversation_id); END;
  `);

  return (conversationId, { minSeq, limit }) => {
    // Inside a write the page could hold what is not committed yet; only ever asked between writes, but be safe.
    if (db.inTransaction) return readNewest(conversationId, limit).filter((m) => m.seq > minSeq);
    if (othersWrote()) kept.clear();
    let page = kept.get(conversationId);
    if (page?.limit !== limit) {
      page = { limit, rows: Object.freeze(readNewest(conversationId, limit).map((m) => Object.freeze(m))) };
      if (kept.size >= KEPT_CONVERSATIONS) kept.delete(kept.keys().next().value as number);
    } else {
      kept.delete(conversationId);
    }
    kept.set(conversationId, page);
    const rows = page.rows;
    const last = rows[rows.length - 1];
    return minSeq === 0 || last === undefined || last.seq > minSeq ? rows : rows.filter((m) => m.seq > minSeq);
  };
}
