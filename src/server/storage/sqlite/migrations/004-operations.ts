// Account lifecycle and retention (docs/deployment.md, "Retention").
//
// - users.deleted_at: a deleted account keeps its row (its id stays taken: AUTOINCREMENT never reuses it, so a new
//   account with the same name can never inherit the old one's memberships), with its name freed and its password
//   made unusable.
// - messages_by_reply_to: removing a message must know whether a reply still points at it (it then stays as a
//   text-less placeholder, shown as "[deleted message]"); it also serves the foreign-key check on every delete,
//   which would otherwise scan the whole table.
// - messages_by_created_at: retention finds what is older than N days without a scan.
// - maintenance: when the daily jobs last ran, so a restart neither repeats nor skips one.
export default /* sql */ `
ALTER TABLE users ADD COLUMN deleted_at INTEGER;

CREATE INDEX messages_by_reply_to ON messages(reply_to_id) WHERE reply_to_id IS NOT NULL;
CREATE INDEX messages_by_created_at ON messages(created_at);
-- Fair eviction walks one author's oldest messages; search (003) made the same index.
CREATE INDEX IF NOT EXISTS messages_by_author ON messages(author_id, id);

CREATE TABLE maintenance (
  job TEXT PRIMARY KEY,
  last_run_at INTEGER NOT NULL
) WITHOUT ROWID;
`;
