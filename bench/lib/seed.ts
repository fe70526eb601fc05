import { hash } from '@node-rs/argon2';
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { makeTempDir } from './cleanup.js';
import { startServer } from './server.js';

/*
 * Bulk data goes straight into the SQLite file of a STOPPED server, using the schema the server's own migrations
 * created. Going through the API instead would cost an Argon2 hash per sign-up (~30 ms of server CPU each) and
 * one HTTP call per message, which would make 10,000 users or 1,000,000 messages take many minutes.
 * The rows written here are the ones the API would write: users, sessions (token hash), memberships of the public
 * channels, and messages with consecutive `seq` = `updated_seq` and the conversation's `last_seq` matching.
 */

export const BENCH_PASSWORD = 'Correct-Horse-42';

export interface SeededUser {
  id: number;
  username: string;
  /** The raw session token: the value of the `mm_session` cookie. */
  token: string;
}

export const dbFile = (dataDir: string) => path.join(dataDir, 'minimost.db');

/** A new data folder on which the server has run once, so migrations and the public channels exist. */
export async function prepareDataFolder(label: string): Promise<string> {
  const dir = makeTempDir(label);
  const server = await startServer(dir);
  await server.stop();
  return dir;
}

export function openForSeeding(dataDir: string): Database.Database {
  const db = new Database(dbFile(dataDir));
  // Nothing else has the file open and a crash only loses a throw-away folder, so durability can be skipped.
  // The server switches the file back to WAL when it opens it.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  db.pragma('foreign_keys = ON');
  return db;
}

/** Deterministic pseudo-random numbers (mulberry32), so two runs build the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let passwordHash: Promise<string> | null = null;
// One real Argon2id hash (the server's parameters) shared by every seeded user, so they can also log in normally.
const benchPasswordHash = () => (passwordHash ??= hash(BENCH_PASSWORD, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 }));

/** Adds `count` users named `<prefix>00001…`, each with one live session, as members of every public channel. */
export async function seedUsers(dataDir: string, count: number, prefix = 'bench'): Promise<SeededUser[]> {
  const passwordHashValue = await benchPasswordHash();
  const db = openForSeeding(dataDir);
  try {
    const now = Date.now();
    const insertUser = db.prepare<[string, string, string, number, number], { id: number }>(
      'INSERT INTO users (username, username_key, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    );
    const insertSession = db.prepare<[Buffer, number, number, number]>(
      "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, ip, user_agent) VALUES (?, ?, ?, ?, '127.0.0.1', 'minimost-bench')",
    );
    // The same statement the server runs for a new user (joinPublicChannels): read position at the channel's end.
    const joinPublic = db.prepare<[number, number]>(
      `INSERT OR IGNORE INTO memberships (conversation_id, user_id, joined_at, history_from_seq, read_seq)
       SELECT c.id, ?, ?, 0, c.last_seq FROM conversations c WHERE c.kind = 'public'`,
    );
    const users: SeededUser[] = [];
    db.transaction(() => {
      for (let i = 1; i <= count; i++) {
        const username = `${prefix}${String(i).padStart(5, '0')}`;
        const { id } = insertUser.get(username, username.toLowerCase(), passwordHashValue, now, now) as { id: number };
        const token = randomBytes(32).toString('base64url');
        insertSession.run(createHash('sha256').update(token).digest(), id, now, now);
        joinPublic.run(id, now);
        users.push({ id, username, token });
      }
    })();
    return users;
  } finally {
    db.close();
  }
}

const WORDS = (
  'the a deploy build review merge branch test fix bug release server client query index latency cache lunch ' +
  'meeting today tomorrow please thanks ok looks good ship it rollback config docs issue ticket customer ' +
  'backup disk memory cpu graph alert pager coffee standup retro sprint roadmap design api schema'
).split(' ');

/** A chat-like line of 3–30 words, so rows and pages have realistic sizes. */
function sentence(random: () => number): string {
  const length = 3 + Math.floor(random() * 28);
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(WORDS[Math.floor(random() * WORDS.length)] as string);
  return words.join(' ');
}

export const SEARCH_TRIGGER = 'message_search_insert';
export const SEARCH_TABLES = ['message_text_index', 'message_word_index'];

/**
 * How a bulk load fills the search index. Since migration 011 the server's storage fills it at the end of each
 * group commit, so rows inserted here must be indexed here ('fill'); the migration's own backfill statement, one
 * set-based INSERT … SELECT per index, does it. A database of an older schema indexes each new message from a
 * trigger: when that trigger is exactly the known one (two INSERTs into these two indexes) it is dropped for the
 * load and the backfill statement used instead, about four times faster ('replace-trigger'); any other trigger is
 * left to do the work, slower but always right ('trigger').
 */
export function bulkSearchFill(db: Database.Database): { mode: 'fill' } | { mode: 'replace-trigger'; sql: string } | { mode: 'trigger' } {
  const row = db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(SEARCH_TRIGGER);
  if (!row) return { mode: 'fill' };
  const inserts = row.sql.match(/INSERT INTO/gi) ?? [];
  const known = SEARCH_TABLES.every((t) => row.sql.includes(`INSERT INTO ${t}(rowid, body) VALUES (new.id, new.body)`));
  const when = /WHEN new\.kind = 'user' AND new\.body IS NOT NULL AND new\.deleted_at IS NULL/.test(row.sql);
  return inserts.length === SEARCH_TABLES.length && known && when ? { mode: 'replace-trigger', sql: row.sql } : { mode: 'trigger' };
}

export type MessageInsert = Database.Statement<[number, number, number, number, string, string, number]>;

/**
 * Inserts messages in bulk with the secondary indexes off, then rebuilds them from their own stored SQL (so they stay
 * exactly the migrations') and fills the search index (see bulkSearchFill): one sorted build is far faster than a
 * million scattered inserts, and leaves the B-trees compact. `fill` gets the insert of (conversation, seq, updated seq, author, body,
 * client id, created at) and runs in one transaction. Returns the seconds spent filling the search indexes.
 */
export function insertMessagesInBulk(db: Database.Database, fill: (insert: MessageInsert) => void): number {
  const indexes = db
    .prepare<[], { sql: string; name: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NOT NULL")
    .all();
  for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
  const search = bulkSearchFill(db);
  if (search.mode === 'replace-trigger') db.exec(`DROP TRIGGER ${SEARCH_TRIGGER}`);
  const firstId = (db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM messages').get()?.id ?? 0) + 1;
  const insert: MessageInsert = db.prepare(
    `INSERT INTO messages (conversation_id, seq, updated_seq, kind, author_id, body, client_id, created_at)
     VALUES (?, ?, ?, 'user', ?, ?, ?, ?)`,
  );
  db.transaction(() => fill(insert))();
  for (const { sql } of indexes) db.exec(sql);
  const startedAt = performance.now();
  if (search.mode !== 'trigger') {
    for (const table of SEARCH_TABLES) {
      db.prepare(`INSERT INTO ${table}(rowid, body) SELECT id, body FROM messages WHERE id >= ? AND kind = 'user' AND body IS NOT NULL AND deleted_at IS NULL`).run(firstId);
    }
  }
  if (search.mode === 'replace-trigger') db.exec(search.sql);
  return (performance.now() - startedAt) / 1000;
}

/**
 * Appends `count` messages to the public channel `channel`, authored round-robin by `authorIds`, one second apart
 * and ending now. Returns the channel's conversation id and its new last seq.
 */
export function seedMessages(dataDir: string, channel: string, count: number, authorIds: number[], seed = 42): { conversationId: number; lastSeq: number } {
  const db = openForSeeding(dataDir);
  try {
    const random = seededRandom(seed);
    const conversation = db.prepare<[string], { id: number; last_seq: number }>("SELECT id, last_seq FROM conversations WHERE kind = 'public' AND name = ?").get(channel);
    if (!conversation) throw new Error(`no public channel #${channel} in ${dataDir}`);
    const start = Date.now() - count * 1000;
    insertMessagesInBulk(db, (insert) => {
      for (let i = 0; i < count; i++) {
        const seq = conversation.last_seq + i + 1;
        const author = authorIds[i % authorIds.length] as number;
        insert.run(conversation.id, seq, seq, author, sentence(random), `seed-${String(seq).padStart(8, '0')}`, start + i * 1000);
      }
    });
    const lastSeq = conversation.last_seq + count;
    db.prepare<[number, number, number]>('UPDATE conversations SET last_seq = ?, last_message_at = ? WHERE id = ?').run(lastSeq, start + (count - 1) * 1000, conversation.id);
    return { conversationId: conversation.id, lastSeq };
  } finally {
    db.close();
  }
}

/** Moves every member's read position of a channel to `seq` (0 = everything unread). */
export function setReadPositions(dataDir: string, conversationId: number, seq: number, userIds: number[]): void {
  const db = openForSeeding(dataDir);
  try {
    const update = db.prepare<[number, number, number]>('UPDATE memberships SET read_seq = ? WHERE conversation_id = ? AND user_id = ?');
    db.transaction(() => userIds.forEach((id) => update.run(seq, conversationId, id)))();
  } finally {
    db.close();
  }
}
