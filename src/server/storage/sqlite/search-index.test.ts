import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ftsRowCount, indexedIds, SEARCH_INDEXES as INDEXES } from '../../../../test/support/fts-index.js';
import { closeDatabase, openDatabase, type SqliteDatabase } from './database.js';
import { createSqliteStorage, type Storage } from './storage.js';

let dir: string;
let db: SqliteDatabase;
let storage: Storage;
let alice: number;
let general: number;
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-search-index-'));
  db = openDatabase(path.join(dir, 'minimost.db'));
  storage = createSqliteStorage(db);
  alice = (await storage.auth.users.createUser({ username: 'alice', usernameKey: 'alice', passwordHash: 'h', now: 1 })).id;
  general = (await storage.conversations.createPrivateChannel({ name: 'general', creatorId: alice, memberIds: [], now: 1 })).id;
});
afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

/** The message ids each index holds. */
function indexed(on: Database.Database = db): Record<(typeof INDEXES)[number], number[]> {
  return { message_text_index: indexedIds(on, INDEXES[0]), message_word_index: indexedIds(on, INDEXES[1]) };
}
function found(word: string): number[][] {
  return INDEXES.map((index) => db.prepare<[string], number>(`SELECT rowid FROM ${index} WHERE ${index} MATCH ? ORDER BY rowid`).pluck().all(`"${word}"`));
}
const send = (body: string, extra: { attachmentIds?: string[] } = {}) =>
  storage.messages.appendMessage({ conversationId: general, authorId: alice, body, clientId: null, replyToId: null, now: 2, ...extra });

describe('search index, filled once per group commit', () => {
  it('indexes every message of a batch in the commit that stores it, and no notice', async () => {
    const outside = new Database(path.join(dir, 'minimost.db'), { readonly: true });
    try {
      const sent = await Promise.all(Array.from({ length: 30 }, (_, i) => send(`capybara number ${i}`)));
      const notice = await storage.conversations.postNotice(general, { text: 'capybara notice', now: 3 });
      const ids = sent.map((s) => s.message.id);
      // Another connection sees the messages and their entries from the same commit.
      expect(indexed(outside)).toEqual({ message_text_index: ids, message_word_index: ids });
      expect(INDEXES.map((index) => ftsRowCount(outside, index))).toEqual([30, 30]);
      expect(found('capybara')).toEqual([ids, ids]);
      expect(found('number 17')).toEqual([[ids[17]], [ids[17]]]);
      expect(found('notice')).toEqual([[], []]);
      expect(ids).not.toContain(notice.id);
    } finally {
      outside.close();
    }
  });

  it('leaves no entry for a send that is refused, and indexes the others of its batch', async () => {
    const results = await Promise.allSettled([send('first okapi'), send('refused okapi', { attachmentIds: ['no-such-upload'] }), send('last okapi')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const ids = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.message.id] : []));
    expect(found('okapi')).toEqual([ids, ids]);
    expect(found('refused')).toEqual([[], []]);
    expect(indexed()).toEqual({ message_text_index: ids, message_word_index: ids });
  });

  it('indexes a message edited in the batch that sent it once, by its new text', async () => {
    const [sent, edited] = await Promise.all([
      send('release on tusday'),
      // Ids are AUTOINCREMENT from 1 and this is the first message: the edit runs after the send, in the same batch.
      storage.messages.editMessage(1, 'release on thursday', 3),
    ]);
    expect(sent.message.id).toBe(1);
    expect(edited.body).toBe('release on thursday');
    expect(found('tusday')).toEqual([[], []]);
    expect(found('thursday')).toEqual([[1], [1]]);
    expect(indexed()).toEqual({ message_text_index: [1], message_word_index: [1] });
    expect(INDEXES.map((index) => ftsRowCount(db, index))).toEqual([1, 1]);
    // Had the batch indexed the text it was sent with, the old words would still match after another edit.
    await storage.messages.editMessage(1, 'release on friday', 4);
    expect(found('thursday')).toEqual([[], []]);
    expect(found('friday')).toEqual([[1], [1]]);
  });

  it('does not index a message deleted in the batch that sent it', async () => {
    const [, removed] = await Promise.all([send('walrus secret'), storage.messages.deleteMessagesByAuthor(alice, 3, 10)]);
    expect(removed.deleted).toBe(1);
    expect(found('walrus')).toEqual([[], []]);
    expect(indexed()).toEqual({ message_text_index: [], message_word_index: [] });
    const later = await send('walrus again');
    expect(found('walrus')).toEqual([[later.message.id], [later.message.id]]);
  });

  it('re-indexes an edit and a delete at once, outside the batch that sent the message', async () => {
    const { message } = await send('zebra crossing');
    await storage.messages.editMessage(message.id, 'giraffe crossing', 3);
    expect(found('zebra')).toEqual([[], []]);
    expect(found('giraffe')).toEqual([[message.id], [message.id]]);
    await storage.messages.deleteMessage(message.id, 4);
    expect(found('crossing')).toEqual([[], []]);
    expect(indexed()).toEqual({ message_text_index: [], message_word_index: [] });
  });
});
