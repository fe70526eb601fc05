import type { MentionStore } from '../../modules/mentions/mentions.store.js';
import type { SqliteDatabase } from './database.js';
import { toMessage, type MessageRow } from './messages-store.js';

// The reader's unread mentions: their own rows (named, or active for @here), plus @everyone messages found among the
// unread messages of each conversation they can still see (membership; a public channel still in settings). The
// second half scans only unread messages, through the (conversation_id, seq) index, as the sidebar's unread counts do.
const UNREAD_IDS = `
  WITH seen AS (
    SELECT mb.conversation_id, max(mb.read_seq, mb.history_from_seq) AS after_seq, mb.history_from_seq
    FROM memberships mb JOIN conversations c ON c.id = mb.conversation_id
    WHERE mb.user_id = :u AND (c.kind != 'public' OR c.position IS NOT NULL)
  ),
  hits AS (
    SELECT x.message_id AS id FROM mentions x JOIN seen s ON s.conversation_id = x.conversation_id
    WHERE x.user_id = :u AND x.seq > s.after_seq
    UNION
    SELECT m.id FROM seen s JOIN messages m ON m.conversation_id = s.conversation_id AND m.seq > s.after_seq
    WHERE m.mentions IS NOT NULL AND json_extract(m.mentions, '$.everyone') = 1 AND m.author_id != :u
  )`;

export function createSqliteMentionStore(db: SqliteDatabase): MentionStore {
  const q = {
    list: db.prepare<{ u: number; before: number; limit: number }, MessageRow & { viewer_history_from_seq: number }>(
      // The page is picked from the hits first (materialized), then joined in that order (CROSS JOIN fixes it):
      // left to itself, the planner walks every message of the reader's conversations and looks each up in the page.
      `${UNREAD_IDS},
       page AS MATERIALIZED (
         SELECT h.id FROM hits h JOIN messages m ON m.id = h.id WHERE m.deleted_at IS NULL AND h.id < :before ORDER BY h.id DESC LIMIT :limit
       )
       SELECT m.*, p.seq AS p_seq, p.author_id AS p_author_id, p.body AS p_body, p.deleted_at AS p_deleted_at,
         s.history_from_seq AS viewer_history_from_seq
       FROM page CROSS JOIN messages m ON m.id = page.id CROSS JOIN seen s ON s.conversation_id = m.conversation_id
         LEFT JOIN messages p ON p.id = m.reply_to_id
       ORDER BY m.id DESC`,
    ),
    count: db.prepare<{ u: number }, { n: number }>(
      `${UNREAD_IDS} SELECT count(*) AS n FROM hits h JOIN messages m ON m.id = h.id WHERE m.deleted_at IS NULL`,
    ),
  };
  return {
    listUnreadMentions: async (u, { before, limit }) =>
      q.list.all({ u, before: before ?? Number.MAX_SAFE_INTEGER, limit }).map((row) => ({ record: toMessage(row), historyFromSeq: row.viewer_history_from_seq })),
    countUnreadMentions: async (u) => q.count.get({ u })?.n ?? 0,
  };
}
