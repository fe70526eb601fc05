import type { MentionStore } from '../../modules/mentions/mentions.store.js';
import type { SqliteDatabase } from './database.js';
import { toMessage, type MessageRow } from './messages-store.js';

// The reader's own rows (primary key user_id, message_id), kept to what they may still see and have not read.
const UNREAD = `
  FROM mentions x
  JOIN memberships mb ON mb.conversation_id = x.conversation_id AND mb.user_id = x.user_id
  JOIN conversations c ON c.id = x.conversation_id
  JOIN messages m ON m.id = x.message_id
  WHERE x.user_id = :u AND x.seq > max(mb.read_seq, mb.history_from_seq) AND m.deleted_at IS NULL
    AND (c.kind != 'public' OR c.position IS NOT NULL)`;

export function createSqliteMentionStore(db: SqliteDatabase): MentionStore {
  const q = {
    list: db.prepare<{ u: number; before: number; limit: number }, MessageRow & { viewer_history_from_seq: number }>(
      `SELECT m.*, p.seq AS p_seq, p.author_id AS p_author_id, p.body AS p_body, p.deleted_at AS p_deleted_at,
         mb.history_from_seq AS viewer_history_from_seq
       ${UNREAD.replace('JOIN messages m ON m.id = x.message_id', 'JOIN messages m ON m.id = x.message_id LEFT JOIN messages p ON p.id = m.reply_to_id')}
         AND x.message_id < :before
       ORDER BY x.message_id DESC LIMIT :limit`,
    ),
    count: db.prepare<{ u: number }, { n: number }>(`SELECT count(*) AS n ${UNREAD}`),
  };
  return {
    listUnreadMentions: async (u, { before, limit }) =>
      q.list.all({ u, before: before ?? Number.MAX_SAFE_INTEGER, limit }).map((row) => ({ record: toMessage(row), historyFromSeq: row.viewer_history_from_seq })),
    countUnreadMentions: async (u) => q.count.get({ u })?.n ?? 0,
  };
}
