export * from './auth.js';
export * from './conversations.js';
export * from './errors.js';
export * from './events.js';
export * from './messages.js';
export * from './search.js';
