// Files sent with messages. The file itself lives in <data dir>/uploads/ under the row's id (never a name a client
// chose). `message_id` is set when the message carrying it is sent; it has no foreign key because retention
// deletes message rows outright, and the uploads' own cleanup removes what they leave behind.
export default /* sql */ `
CREATE TABLE uploads (
  id TEXT PRIMARY KEY,
  uploader_id INTEGER NOT NULL,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  message_id INTEGER,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  mime TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('image', 'file')),
  width INTEGER,
  height INTEGER,
  has_thumbnail INTEGER NOT NULL DEFAULT 0,
  text_preview INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  removed INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX uploads_by_message ON uploads(message_id) WHERE message_id IS NOT NULL;
CREATE INDEX uploads_unattached ON uploads(created_at) WHERE message_id IS NULL;
CREATE INDEX uploads_by_uploader ON uploads(uploader_id, created_at);
`;
