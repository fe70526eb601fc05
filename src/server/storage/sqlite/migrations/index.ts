import accounts from './001-accounts.js';
import conversations from './002-conversations.js';

/** Ordered; the position is the schema version. Never edit a shipped migration: add a new one. */
export const MIGRATIONS: readonly string[] = [accounts, conversations];
