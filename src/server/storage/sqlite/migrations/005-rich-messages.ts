// Reactions, mentions and pins. Each message row also keeps a JSON copy of its reactions, mentions, attachments and
// link previews, written in the same transaction as their own tables, so a history page is one indexed read.
export default /* sql */ `
ALTER TABLE messages ADD COLUMN reactions TEXT;
ALTER TABLE messages ADD COLUMN mentions TEXT;
ALTER TABLE messages ADD COLUMN attachments TEXT;
ALTER TABLE messages ADD COLUMN previews TEXT;
ALTER TABLE messages ADD COLUMN pinned_by INTEGER REFERENCES users(id);
ALTER TABLE messages ADD COLUMN pinned_at INTEGER;
CREATE INDEX pinned_messages ON messages(conversation_id, pinned_at) WHERE pinned_at IS NOT NULL;

CREATE TABLE reactions (
  message_id INTEGER NOT NULL REFERENCES messages(id),
  emoji TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (message_id, emoji, user_id)
) WITHOUT ROWID;

-- One row per mentioned member, for the Mentions view (unread = seq above the member's read position).
CREATE TABLE mentions (
  user_id INTEGER NOT NULL REFERENCES users(id),
  message_id INTEGER NOT NULL REFERENCES messages(id),
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  seq INTEGER NOT NULL,
  PRIMARY KEY (user_id, message_id)
) WITHOUT ROWID;
CREATE INDEX mentions_by_message ON mentions(message_id);
`;
