import type { AccountStore } from '../../modules/accounts/accounts.store.js';
import type { AuthStores } from '../../modules/auth/auth.store.js';
import type { CallStore } from '../../modules/calls/calls.store.js';
import type { ConversationStore } from '../../modules/conversations/conversations.store.js';
import type { ExportStore } from '../../modules/export/export.store.js';
import type { MentionStore } from '../../modules/mentions/mentions.store.js';
import type { MessageStore } from '../../modules/messages/messages.store.js';
import type { PinStore } from '../../modules/pins/pins.store.js';
import type { PreferenceStore } from '../../modules/preferences/preferences.store.js';
import type { ProfileStore } from '../../modules/profiles/profiles.store.js';
import type { ReactionStore } from '../../modules/reactions/reactions.store.js';
import type { PreviewStore } from '../../modules/previews/previews.store.js';
import type { RetentionStore } from '../../modules/retention/retention.store.js';
import type { SearchStore } from '../../modules/search/search.store.js';
import type { UploadStore } from '../../modules/uploads/uploads.store.js';
import { createSqliteAccountStore } from './accounts-store.js';
import { createSqliteAuthStores } from './auth-stores.js';
import { createSqliteCallStore } from './calls-store.js';
import { createSqliteConversationStore } from './conversations-store.js';
import { createSqliteDatabaseInfo, type DatabaseInfo } from './database-info.js';
import type { SqliteDatabase } from './database.js';
import { createSqliteExportStore } from './export-store.js';
import { createSqliteMentionStore } from './mentions-store.js';
import { createSqliteMessageStore } from './messages-store.js';
import { createSqlitePinStore } from './pins-store.js';
import { createSqlitePreferenceStore } from './preferences-store.js';
import { createSqliteProfileStore } from './profiles-store.js';
import { createSqliteReactionStore } from './reactions-store.js';
import { createSqlitePreviewStore } from './previews-store.js';
import { createSqliteRetentionStore } from './retention-store.js';
import { createSearchIndexer } from './search-index.js';
import { createSqliteSearchStore } from './search-store.js';
import { createSqliteUploadStore } from './uploads-store.js';
import { createWriteQueue } from './write-queue.js';

/** Every store the app needs, over one database and one group-commit queue (which also fills the search index). */
export interface Storage {
  auth: AuthStores;
  conversations: ConversationStore;
  messages: MessageStore;
  search: SearchStore;
  accounts: AccountStore;
  retention: RetentionStore;
  exports: ExportStore;
  uploads: UploadStore;
  database: DatabaseInfo;
  mentions: MentionStore;
  pins: PinStore;
  profiles: ProfileStore;
  reactions: ReactionStore;
  previews: PreviewStore;
  calls: CallStore;
  preferences: PreferenceStore;
}

export function createSqliteStorage(db: SqliteDatabase): Storage {
  const queue = createWriteQueue(db, [createSearchIndexer(db)]);
  return {
    auth: createSqliteAuthStores(db, queue),
    conversations: createSqliteConversationStore(db, queue),
    messages: createSqliteMessageStore(db, queue),
    search: createSqliteSearchStore(db),
    accounts: createSqliteAccountStore(db, queue),
    retention: createSqliteRetentionStore(db, queue),
    exports: createSqliteExportStore(db),
    uploads: createSqliteUploadStore(db, queue),
    database: createSqliteDatabaseInfo(db),
    mentions: createSqliteMentionStore(db),
    pins: createSqlitePinStore(db, queue),
    profiles: createSqliteProfileStore(db, queue),
    reactions: createSqliteReactionStore(db, queue),
    previews: createSqlitePreviewStore(db, queue),
    calls: createSqliteCallStore(db, queue),
    preferences: createSqlitePreferenceStore(db, queue),
  };
}
