import accounts from './001-accounts.js';
import conversations from './002-conversations.js';
import search from './003-search.js';
import operations from './004-operations.js';
import richMessages from './005-rich-messages.js';
import profiles from './006-profiles.js';
import previews from './007-previews.js';
import uploads from './008-uploads.js';
import calls from './009-calls.js';
import preferences from './010-preferences.js';
import searchPerCommit from './011-search-per-commit.js';

/** Ordered; the position is the schema version. Never edit a shipped migration: add a new one. */
export const MIGRATIONS: readonly string[] = [accounts, conversations, search, operations, richMessages, profiles, previews, uploads, calls, preferences, searchPerCommit];
