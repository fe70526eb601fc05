import type { ExportStore } from '../../modules/export/export.store.js';
import { toConversation, type ConversationRow } from './conversations-store.js';
import type { SqliteDatabase } from './database.js';

export function createSqliteExportStore(db: SqliteDatabase): ExportStore {
  const q = {
    all: db.prepare<[], ConversationRow>('SELECT id, kind, name, created_by, created_at, position, last_seq, last_message_at FROM conversations ORDER BY id'),
    memberOf: db.prepare<[number], { conversation_id: number }>('SELECT conversation_id FROM memberships WHERE user_id = ? ORDER BY conversation_id'),
  };
  return {
    listAllConversations: async () => q.all.all().map(toConversation),
    listMemberConversationIds: async (userId) => q.memberOf.all(userId).map((r) => r.conversation_id),
  };
}
