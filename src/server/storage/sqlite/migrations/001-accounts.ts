// Accounts, sessions, login throttling and password-reset tokens.
export default /* sql */ `
CREATE TABLE users (
  -- AUTOINCREMENT: an id is never handed out twice, so a new account can never inherit a deleted one's rows.
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL,
  username_key TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL,
  deactivated_at INTEGER
);

CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  ip TEXT NOT NULL,
  user_agent TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE INDEX sessions_by_last_seen ON sessions(last_seen_at);

-- Keyed by the typed name, not the user id, so unknown and known names are throttled alike.
CREATE TABLE login_failures (
  username_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until INTEGER
) WITHOUT ROWID;

CREATE TABLE password_reset_tokens (
  token_hash BLOB PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) WITHOUT ROWID;
`;
