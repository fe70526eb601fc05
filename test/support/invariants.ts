import Database from 'better-sqlite3';

/**
 * What must hold in any MiniMost database, whatever was thrown at the server: each check is a query returning the
 * rows that break it (none when all is well). A new table adds its own lines here (reactions, uploads, calls…);
 * `PRAGMA foreign_key_check` already covers every declared reference.
 */
export const INVARIANTS: readonly { name: string; sql: string }[] = [
  { name: 'foreign keys hold (PRAGMA foreign_key_check)', sql: 'PRAGMA foreign_key_check' },
  { name: 'memberships point at existing users', sql: 'SELECT m.* FROM memberships m LEFT JOIN users u ON u.id = m.user_id WHERE u.id IS NULL' },
  {
    name: 'memberships point at existing conversations',
    sql: 'SELECT m.* FROM memberships m LEFT JOIN conversations c ON c.id = m.conversation_id WHERE c.id IS NULL',
  },
  { name: 'messages point at existing conversations', sql: 'SELECT m.id FROM messages m LEFT JOIN conversations c ON c.id = m.conversation_id WHERE c.id IS NULL' },
  {
    name: 'messages point at existing authors',
    sql: 'SELECT m.id FROM messages m LEFT JOIN users u ON u.id = m.author_id WHERE m.author_id IS NOT NULL AND u.id IS NULL',
  },
  {
    name: 'replies point at a message of the same conversation',
    sql: `SELECT m.id FROM messages m LEFT JOIN messages p ON p.id = m.reply_to_id
          WHERE m.reply_to_id IS NOT NULL AND (p.id IS NULL OR p.conversation_id <> m.conversation_id)`,
  },
  { name: 'sessions belong to existing users', sql: 'SELECT s.user_id FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE u.id IS NULL' },
  {
    name: "each conversation's last_seq ≥ every seq and updated_seq in it",
    sql: `SELECT c.id, c.last_seq, max(m.seq) AS max_seq, max(m.updated_seq) AS max_updated FROM conversations c
          JOIN messages m ON m.conversation_id = c.id GROUP BY c.id HAVING max(m.updated_seq) > c.last_seq OR max(m.seq) > c.last_seq`,
  },
  { name: 'messages.updated_seq ≥ seq', sql: 'SELECT id, seq, updated_seq FROM messages WHERE updated_seq < seq' },
  { name: '(conversation_id, seq) is unique', sql: 'SELECT conversation_id, seq, count(*) AS n FROM messages GROUP BY conversation_id, seq HAVING n > 1' },
  {
    name: 'a client id is used once per author',
    sql: 'SELECT author_id, client_id, count(*) AS n FROM messages WHERE client_id IS NOT NULL GROUP BY author_id, client_id HAVING n > 1',
  },
  { name: 'deleted messages keep no text', sql: 'SELECT id FROM messages WHERE deleted_at IS NOT NULL AND body IS NOT NULL' },
  {
    name: 'every reaction row is in its message’s reaction list',
    sql: `SELECT r.message_id, r.emoji, r.user_id FROM reactions r JOIN messages m ON m.id = r.message_id
          WHERE NOT EXISTS (SELECT 1 FROM json_each(coalesce(m.reactions, '[]')) e, json_each(e.value, '$.userIds') u
                            WHERE json_extract(e.value, '$.emoji') = r.emoji AND u.value = r.user_id)`,
  },
  {
    name: 'every entry of a message’s reaction list is a reaction row, once',
    sql: `SELECT m.id, json_extract(e.value, '$.emoji') AS emoji, u.value AS user_id, count(*) AS n
          FROM messages m, json_each(m.reactions) e, json_each(e.value, '$.userIds') u WHERE m.reactions IS NOT NULL
          GROUP BY m.id, emoji, user_id
          HAVING n > 1 OR NOT EXISTS (SELECT 1 FROM reactions r WHERE r.message_id = m.id
                                             AND r.emoji = json_extract(e.value, '$.emoji') AND r.user_id = u.value)`,
  },
  { name: 'deleted messages keep no reactions', sql: 'SELECT DISTINCT r.message_id FROM reactions r JOIN messages m ON m.id = r.message_id WHERE m.deleted_at IS NOT NULL' },
];

export interface Violation {
  name: string;
  rows: unknown[];
}

/** Runs `PRAGMA integrity_check` and every invariant; returns what failed (an empty list when all holds). */
export function findViolations(db: Database.Database): Violation[] {
  const violations: Violation[] = [];
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') violations.push({ name: 'PRAGMA integrity_check', rows: [integrity] });
  for (const { name, sql } of INVARIANTS) {
    const rows = db.prepare(sql).all().slice(0, 5);
    if (rows.length > 0) violations.push({ name, rows });
  }
  return violations;
}

/** Throws with every broken invariant listed. Takes an open handle, or a file it opens read-only. */
export function assertInvariants(target: Database.Database | string): void {
  const db = typeof target === 'string' ? new Database(target, { readonly: true }) : target;
  try {
    const violations = findViolations(db);
    if (violations.length > 0) {
      throw new Error(`database invariants broken:\n${violations.map((v) => `  - ${v.name}: ${JSON.stringify(v.rows)}`).join('\n')}`);
    }
  } finally {
    if (typeof target === 'string') db.close();
  }
}
