import type { AuthStores } from '../../modules/auth/auth.store.js';
import type { ConversationStore } from '../../modules/conversations/conversations.store.js';
import type { MessageStore } from '../../modules/messages/messages.store.js';
import { createSqliteAuthStores } from './auth-stores.js';
import { createSqliteConversationStore } from './conversations-store.js';
import type { SqliteDatabase } from './database.js';
import { createSqliteMessageStore } from './messages-store.js';
import { createWriteQueue } from './write-queue.js';

/** Every store the app needs, over one database and one group-commit queue. */
export interface Storage {
  auth: AuthStores;
  conversations: ConversationStore;
  messages: MessageStore;
}

export function createSqliteStorage(db: SqliteDatabase): Storage {
  const queue = createWriteQueue(db);
  return {
    auth: createSqliteAuthStores(db),
    conversations: createSqliteConversationStore(db, queue),
    messages: createSqliteMessageStore(db, queue),
  };
}
