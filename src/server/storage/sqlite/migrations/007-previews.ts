// Link previews: a cache of what each link gave (a preview, or nothing for a while after a failure), and a mark on
// messages whose author took their previews off, so an edit does not bring them back.
export default /* sql */ `
CREATE TABLE preview_cache (
  url TEXT PRIMARY KEY,
  preview TEXT,
  fetched_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX preview_cache_expiry ON preview_cache(expires_at);

ALTER TABLE messages ADD COLUMN previews_removed INTEGER NOT NULL DEFAULT 0;
`;
