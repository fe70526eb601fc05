// Calls in progress, written through on every change, so a call the process did not live to end (kill -9, power
// cut) is ended at the next start with its notice. `last_seen_at` is the last moment the call was known to be
// going on: a crashed call's duration is measured to it. At most one call per conversation is not ended.
export default /* sql */ `
CREATE TABLE calls (
  id TEXT PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  started_by INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  answered_at INTEGER,
  last_seen_at INTEGER NOT NULL,
  ended_at INTEGER,
  participants TEXT NOT NULL
);
CREATE UNIQUE INDEX calls_one_open_per_conversation ON calls(conversation_id) WHERE ended_at IS NULL;
`;
