// Preferences: how MiniMost alerts a person, kept on the server so they follow the user to every device
// (docs/api.md, "Preferences").
//
// - user_preferences: one row per user who changed anything; a missing row (or column) means the default.
// - conversation_mutes: a muted conversation neither notifies nor plays sounds; mute_mentions silences
//   @mentions there too. Rows go with the user or the conversation.
export default /* sql */ `
CREATE TABLE user_preferences (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  desktop_notifications INTEGER NOT NULL DEFAULT 1,
  sounds INTEGER NOT NULL DEFAULT 1,
  notify_while_focused INTEGER NOT NULL DEFAULT 0,
  swap_enter INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE conversation_mutes (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  mute_mentions INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, conversation_id)
) STRICT, WITHOUT ROWID;
`;
