// Conversations (public and private channels, DMs), memberships with read positions, and messages.
export default /* sql */ `
CREATE TABLE conversations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('public', 'private', 'dm')),
  name TEXT,
  -- DMs: the sorted member ids, so the same people always land in the same conversation.
  dm_key TEXT UNIQUE,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  -- Public channels: their place in settings.json; NULL once removed from it (hidden, history kept).
  position INTEGER,
  -- The conversation's event counter: every message created, edited or deleted takes the next number.
  last_seq INTEGER NOT NULL DEFAULT 0,
  last_message_at INTEGER,
  CHECK ((kind = 'dm') = (dm_key IS NOT NULL))
);
CREATE UNIQUE INDEX public_channel_names ON conversations(name) WHERE kind = 'public';

CREATE TABLE memberships (
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  joined_at INTEGER NOT NULL,
  -- What a member may see starts after this seq (late joiners of private channels see nothing older).
  history_from_seq INTEGER NOT NULL DEFAULT 0,
  read_seq INTEGER NOT NULL DEFAULT 0,
  -- DMs closed by this user: hidden from their sidebar until the next message.
  hidden INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_by_user ON memberships(user_id);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  seq INTEGER NOT NULL,
  -- Seq of the latest change (edit, delete), so a reconnecting client can be sent what changed since.
  updated_seq INTEGER NOT NULL,
  kind TEXT NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'system')),
  author_id INTEGER REFERENCES users(id),
  body TEXT,
  client_id TEXT,
  reply_to_id INTEGER REFERENCES messages(id),
  created_at INTEGER NOT NULL,
  edited_at INTEGER,
  deleted_at INTEGER,
  UNIQUE (conversation_id, seq),
  CHECK ((kind = 'system') = (author_id IS NULL)),
  CHECK (deleted_at IS NOT NULL OR body IS NOT NULL)
);
CREATE UNIQUE INDEX messages_by_client_id ON messages(author_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_by_updated_seq ON messages(conversation_id, updated_seq);

ALTER TABLE users ADD COLUMN presence_override TEXT CHECK (presence_override IN ('away', 'offline'));
`;
