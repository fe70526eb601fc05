// Full-text search over people's messages (system notices are not searched), in two contentless FTS5 indexes
// keyed by message id and kept in step with `messages` by triggers: a new message is indexed in its own
// transaction, an edit replaces its entry at once, a delete (body set to NULL) removes it. Contentless: the text
// lives only in `messages`; 'secure-delete' makes a removal rewrite the index pages rather than leave a marker,
// so deleted words do not linger in the index.
//
// - message_text_index, trigram tokenizer: any substring of 3+ characters, anywhere in a word ("deploy" finds
//   "redeployed"); case and accents folded.
// - message_word_index, unicode61 tokenizer with the same folding: whole words and word phrases (ranking exact
//   and whole-word matches first, terms under 3 characters), and through message_words (fts5vocab) the
//   vocabulary that typo tolerance checks its candidate corrections against.
export default /* sql */ `
CREATE VIRTUAL TABLE message_text_index USING fts5(
  body, tokenize = 'trigram remove_diacritics 2', content = '', contentless_delete = 1
);
CREATE VIRTUAL TABLE message_word_index USING fts5(
  body, tokenize = 'unicode61 remove_diacritics 2', content = '', contentless_delete = 1
);
CREATE VIRTUAL TABLE message_words USING fts5vocab(message_word_index, 'row');
INSERT INTO message_text_index(message_text_index, rank) VALUES ('secure-delete', 1);
INSERT INTO message_word_index(message_word_index, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER message_search_insert AFTER INSERT ON messages
WHEN new.kind = 'user' AND new.body IS NOT NULL AND new.deleted_at IS NULL
BEGIN
  INSERT INTO message_text_index(rowid, body) VALUES (new.id, new.body);
  INSERT INTO message_word_index(rowid, body) VALUES (new.id, new.body);
END;

CREATE TRIGGER message_search_update AFTER UPDATE OF body, deleted_at ON messages
WHEN new.kind = 'user'
BEGIN
  DELETE FROM message_text_index WHERE rowid = old.id;
  DELETE FROM message_word_index WHERE rowid = old.id;
  INSERT INTO message_text_index(rowid, body) SELECT new.id, new.body WHERE new.body IS NOT NULL AND new.deleted_at IS NULL;
  INSERT INTO message_word_index(rowid, body) SELECT new.id, new.body WHERE new.body IS NOT NULL AND new.deleted_at IS NULL;
END;

CREATE TRIGGER message_search_delete AFTER DELETE ON messages
BEGIN
  DELETE FROM message_text_index WHERE rowid = old.id;
  DELETE FROM message_word_index WHERE rowid = old.id;
END;

-- Messages written before this version.
INSERT INTO message_text_index(rowid, body)
  SELECT id, body FROM messages WHERE kind = 'user' AND body IS NOT NULL AND deleted_at IS NULL;
INSERT INTO message_word_index(rowid, body)
  SELECT id, body FROM messages WHERE kind = 'user' AND body IS NOT NULL AND deleted_at IS NULL;

-- from:@alice on its own walks one author's messages, newest first.
CREATE INDEX messages_by_author ON messages(author_id, id);
`;
