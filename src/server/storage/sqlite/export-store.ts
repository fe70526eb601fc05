import type { ConversationRecord } from '../../modules/conversations/conversations.store.js';
import type { ExportStore } from '../../modules/export/export.store.js';
import type { SqliteDatabase } from './database.js';

interface ConversationRow {
  id: number;
  kind: ConversationRecord['kind'];
  name: string | null;
  created_by: number | null;
  created_at: number;
  position: number | null;
  last_seq: number;
  last_message_at: number | null;
}

export function createSqliteExportStore(db: SqliteDatabase): ExportStore {
  const q = {
    all: db.prepare<[], ConversationRow>('SELECT id, kind, name, created_by, created_at, position, last_seq, last_message_at FROM conversations ORDER BY id'),
    memberOf: db.prepare<[number], { conversation_id: number }>('SELECT conversation_id FROM memberships WHERE user_id = ? ORDER BY conversation_id'),
  };
  return {
    listAllConversations: async () =>
      q.all.all().map((r) => ({
        id: r.id,
        kind: r.kind,
        name: r.name,
        createdBy: r.created_by,
        createdAt: r.created_at,
        position: r.position,
        lastSeq: r.last_seq,
        lastMessageAt: r.last_message_at,
      })),
    listMemberConversationIds: async (userId) => q.memberOf.all(userId).map((r) => r.conversation_id),
  };
}
