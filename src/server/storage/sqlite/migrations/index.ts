import accounts from './001-accounts.js';
import conversations from './002-conversations.js';
import search from './003-search.js';
import operations from './004-operations.js';
import richMessages from './005-rich-messages.js';
import profiles from './006-profiles.js';
import preferences from './009-preferences.js';

/** Ordered; the position is the schema version. Never edit a shipped migration: add a new one. */
export const MIGRATIONS: readonly string[] = [accounts, conversations, search, operations, richMessages, profiles, preferences];
