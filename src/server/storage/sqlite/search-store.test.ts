import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ftsRowCount, indexedIds, SEARCH_INDEXES } from '../../../../test/support/fts-index.js';
import { describeSearchStoreContract } from '../contract/search-store.contract.js';
import { closeDatabase, openDatabase } from './database.js';
import type { MessageSearch } from '../../modules/search/search.store.js';
import { MIGRATIONS } from './migrations/index.js';
import { createSqliteSearchStore } from './search-store.js';
import { createSqliteStorage } from './storage.js';

const everything: MessageSearch = {
  userId: 0,
  terms: [],
  excluded: [],
  authorIds: null,
  conversationIds: null,
  createdFrom: null,
  createdBefore: null,
  hasLink: false,
  limit: 50,
  after: null,
};

/** A database as an older version left it: the first `schema` migrations, then `rows`. */
function databaseAtSchema(file: string, schema: number, rows: string): Database.Database {
  const old = new Database(file);
  MIGRATIONS.slice(0, schema).forEach((sql, i) => {
    old.exec(sql);
    old.pragma(`user_version = ${i + 1}`);
  });
  old.exec(rows);
  return old;
}

function tempDatabase() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-search-'));
  const file = path.join(dir, 'minimost.db');
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Filters that leave few messages switch the walk from an index to the messages themselves, a phrase's words may
// narrow a walk of the text index, from: may test matches against the authors' message ids; the contract must
// hold every way, so it runs with each walk forced.
const walks = [
  ['index walk', { fewMessages: 0 }],
  ['message walk', { fewMessages: Infinity }],
  ['index walk, never narrowed', { fewMessages: 0, narrowMax: 0, authorSetMax: -1 }],
] as const;
for (const [walk, options] of walks) {
  describeSearchStoreContract(`SQLite (${walk})`, async () => {
    const { file, remove } = tempDatabase();
    const db = openDatabase(file);
    return {
      stores: { ...createSqliteStorage(db), search: createSqliteSearchStore(db, options) },
      async dispose() {
        closeDatabase(db);
        remove();
      },
    };
  });
}

describe('SQLite search index', () => {
  it('indexes the messages that existed before the search migration, and only people\'s live ones', async () => {
    const { file, remove } = tempDatabase();
    try {
      // A database as the previous version left it: schema 2, with messages.
      const old = databaseAtSchema(
        file,
        2,
        `
        INSERT INTO users (username, username_key, password_hash, created_at, password_changed_at) VALUES ('alice', 'alice', 'h', 1, 1);
        INSERT INTO conversations (kind, name, created_at, position, last_seq) VALUES ('public', 'general', 1, 0, 3);
        INSERT INTO memberships (conversation_id, user_id, joined_at) VALUES (1, 1, 1);
        INSERT INTO messages (conversation_id, seq, updated_seq, kind, author_id, body, created_at, deleted_at) VALUES
          (1, 1, 1, 'user', 1, 'old deployment notes', 1, NULL),
          (1, 2, 2, 'system', NULL, 'alice renamed the deployment channel', 2, NULL),
          (1, 3, 4, 'user', 1, NULL, 3, 5);
      `,
      );
      old.close();

      const db = openDatabase(file);
      const storage = createSqliteStorage(db);
      const page = await storage.search.searchMessages({ ...everything, userId: 1, terms: [{ text: 'deploy', phrase: false }] });
      expect(page.hits.map((h) => h.message.body)).toEqual(['old deployment notes']);
      expect(db.prepare("SELECT count(*) AS n FROM message_words WHERE term = 'renamed'").get()).toEqual({ n: 0 });
      closeDatabase(db);
    } finally {
      remove();
    }
  });

  it('keeps the index of a database from before filling it per commit, nothing lost or doubled, and goes on indexing', async () => {
    const { file, remove } = tempDatabase();
    try {
      // A database as the previous version left it: schema 10, its messages indexed one by one by the insert trigger.
      const old = databaseAtSchema(
        file,
        10,
        `
        INSERT INTO users (username, username_key, password_hash, created_at, password_changed_at) VALUES ('alice', 'alice', 'h', 1, 1);
        INSERT INTO conversations (kind, name, created_at, position, last_seq) VALUES ('public', 'general', 1, 0, 4);
        INSERT INTO memberships (conversation_id, user_id, joined_at) VALUES (1, 1, 1);
        INSERT INTO messages (conversation_id, seq, updated_seq, kind, author_id, body, created_at, deleted_at) VALUES
          (1, 1, 1, 'user', 1, 'old deployment notes', 1, NULL),
          (1, 2, 2, 'system', NULL, 'alice renamed the deployment channel', 2, NULL),
          (1, 3, 3, 'user', 1, 'deploy again tomorrow', 3, NULL),
          (1, 4, 4, 'user', 1, 'deploy secret', 4, NULL);
        UPDATE messages SET body = NULL, deleted_at = 5 WHERE id = 4;
      `,
      );
      const written = SEARCH_INDEXES.map((index) => ftsRowCount(old, index));
      expect(written).toEqual([3, 3]);
      old.close();

      const db = openDatabase(file);
      const indexed = () => SEARCH_INDEXES.map((index) => indexedIds(db, index));
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'message_search_%' ORDER BY name").pluck().all()).toEqual([
        'message_search_delete',
        'message_search_update',
      ]);
      expect(indexed()).toEqual([
        [1, 3],
        [1, 3],
      ]);
      // Nothing written again by the upgrade.
      expect(SEARCH_INDEXES.map((index) => ftsRowCount(db, index))).toEqual(written);
      const storage = createSqliteStorage(db);
      const deploy = async () =>
        (await storage.search.searchMessages({ ...everything, userId: 1, terms: [{ text: 'deploy', phrase: false }] })).hits.map((h) => h.message.body);
      expect(await deploy()).toEqual(['deploy again tomorrow', 'old deployment notes']);
      await storage.messages.appendMessage({ conversationId: 1, authorId: 1, body: 'deploy on friday', clientId: null, replyToId: null, now: 6 });
      await storage.messages.editMessage(1, 'old release notes', 7);
      expect(await deploy()).toEqual(['deploy on friday', 'deploy again tomorrow']);
      expect(indexed()).toEqual([
        [1, 3, 5],
        [1, 3, 5],
      ]);
      // One entry for the new message and one for the edit, as the triggers wrote before.
      expect(SEARCH_INDEXES.map((index) => ftsRowCount(db, index))).toEqual([5, 5]);
      closeDatabase(db);
    } finally {
      remove();
    }
  });

  it('removes a deleted message\'s words from the vocabulary, not just its matches', async () => {
    const { file, remove } = tempDatabase();
    const db = openDatabase(file);
    try {
      const storage = createSqliteStorage(db);
      const alice = (await storage.auth.users.createUser({ username: 'alice', usernameKey: 'alice', passwordHash: 'h', now: 1 })).id;
      const ops = await storage.conversations.createPrivateChannel({ name: 'ops', creatorId: alice, memberIds: [], now: 1 });
      const { message } = await storage.messages.appendMessage({ conversationId: ops.id, authorId: alice, body: 'zebracorn launch', clientId: null, replyToId: null, now: 2 });
      const vocabulary = () => db.prepare("SELECT term FROM message_words WHERE term = 'zebracorn'").all();
      expect(vocabulary()).toHaveLength(1);
      await storage.messages.deleteMessage(message.id, 3);
      expect(vocabulary()).toHaveLength(0);
      expect(db.prepare("SELECT count(*) AS n FROM message_text_index WHERE message_text_index MATCH '\"zebra\"'").get()).toEqual({ n: 0 });
    } finally {
      closeDatabase(db);
      remove();
    }
  });

  it('pages within its work budget, one partial page after another, without losing or repeating anything', async () => {
    const { file, remove } = tempDatabase();
    const db = openDatabase(file);
    try {
      const storage = createSqliteStorage(db);
      const user = async (username: string) => (await storage.auth.users.createUser({ username, usernameKey: username, passwordHash: 'h', now: 1 })).id;
      const [alice, bob] = [await user('alice'), await user('bob')];
      await storage.conversations.syncPublicChannels(['general'], 1);
      const general = (await storage.conversations.listUserConversations(alice))[0]?.conversation.id as number;
      const secret = await storage.conversations.createPrivateChannel({ name: 'secret', creatorId: alice, memberIds: [], now: 1 });
      const texts = ['deploy', 'redeployed', 'deplyo', 'deploy now', 'other'];
      for (let i = 0; i < 60; i++) {
        const conversationId = i % 3 === 0 ? secret.id : general;
        await storage.messages.appendMessage({ conversationId, authorId: alice, body: `${texts[i % texts.length]} #${i}`, clientId: null, replyToId: null, now: 1000 + i });
      }
      const walk = async (store: ReturnType<typeof createSqliteSearchStore>, options: Partial<MessageSearch>) => {
        const seen: number[] = [];
        let after: MessageSearch['after'] = null;
        let pages = 0;
        do {
          const page = await store.searchMessages({ ...everything, userId: bob, terms: [{ text: 'deploy', phrase: false }], ...options, after });
          seen.push(...page.hits.map((h) => h.message.id));
          after = page.next;
          pages++;
        } while (after !== null && pages < 500);
        return { seen, pages };
      };
      for (const options of [{}, { createdFrom: 1010, createdBefore: 1050 }, { limit: 3 }]) {
        const full = await walk(createSqliteSearchStore(db), options);
        // Budget for one candidate: every page walks a single window of one.
        const tiny = await walk(createSqliteSearchStore(db, { walkUnits: 1 }), options);
        expect(full.seen.length).toBeGreaterThan(10);
        expect(tiny.seen).toEqual(full.seen);
        expect(tiny.pages).toBeGreaterThan(full.pages);
      }
    } finally {
      closeDatabase(db);
      remove();
    }
  });

  it('walks the index newest first instead of sorting every match', () => {
    const { file, remove } = tempDatabase();
    const db = openDatabase(file);
    try {
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT m.id FROM message_text_index CROSS JOIN messages m ON m.id = message_text_index.rowid
           CROSS JOIN memberships ms ON ms.conversation_id = m.conversation_id AND ms.user_id = 1
           WHERE message_text_index MATCH '"deploy"' ORDER BY message_text_index.rowid DESC LIMIT 10`,
        )
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
    } finally {
      closeDatabase(db);
      remove();
    }
  });
});
