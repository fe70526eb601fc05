import type { Reaction } from '../../../shared/protocol/reactions.js';
import type { MessageRecord } from '../../modules/messages/messages.store.js';
import type { ReactionOutcome, ReactionStore } from '../../modules/reactions/reactions.store.js';
import type { SqliteDatabase } from './database.js';
import { prepareMessageWriter } from './messages-store.js';
import type { WriteQueue } from './write-queue.js';

/**
 * Each change reads the message's list, edits it and writes it back inside the write queue's transaction, so two
 * people reacting at the same moment are applied one after the other and neither is lost. The list is edited in
 * place rather than rebuilt from the table so its order (emoji by first reaction, people in the order they
 * reacted) does not depend on two reactions' timestamps differing.
 */
export function createSqliteReactionStore(db: SqliteDatabase, queue: WriteQueue): ReactionStore {
  const writer = prepareMessageWriter(db);
  const q = {
    insert: db.prepare<[number, string, number, number]>(
      'INSERT INTO reactions (message_id, emoji, user_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    remove: db.prepare<[number, string, number]>('DELETE FROM reactions WHERE message_id = ? AND emoji = ? AND user_id = ?'),
    rewrite: db.prepare<[string | null, number, number]>('UPDATE messages SET reactions = ?, updated_seq = ? WHERE id = ?'),
  };

  function liveMessage(id: number): MessageRecord | null {
    const message = writer.getMessage(id);
    return message && message.deletedAt === null ? message : null;
  }

  function save(message: MessageRecord, reactions: Reaction[]): ReactionOutcome {
    const json = reactions.length === 0 ? null : JSON.stringify(reactions);
    q.rewrite.run(json, writer.nextSeq(message.conversationId, null), message.id);
    return { outcome: 'changed', message: writer.getMessage(message.id) as MessageRecord };
  }

  return {
    addReaction: ({ messageId, emoji, userId, now, maxDistinct }) =>
      queue.run((): ReactionOutcome => {
        const message = liveMessage(messageId);
        if (!message) return { outcome: 'gone' };
        const existing = message.reactions.find((r) => r.emoji === emoji);
        if (existing?.userIds.includes(userId)) return { outcome: 'unchanged', message };
        if (!existing && message.reactions.length >= maxDistinct) return { outcome: 'full', message };
        q.insert.run(messageId, emoji, userId, now);
        const reactions = existing
          ? message.reactions.map((r) => (r === existing ? { emoji, userIds: [...r.userIds, userId] } : r))
          : [...message.reactions, { emoji, userIds: [userId] }];
        return save(message, reactions);
      }),
    removeReaction: ({ messageId, emoji, userId }) =>
      queue.run((): ReactionOutcome => {
        const message = liveMessage(messageId);
        if (!message) return { outcome: 'gone' };
        const existing = message.reactions.find((r) => r.emoji === emoji);
        if (!existing?.userIds.includes(userId)) return { outcome: 'unchanged', message };
        q.remove.run(messageId, emoji, userId);
        const reactions = message.reactions
          .map((r) => (r === existing ? { emoji, userIds: r.userIds.filter((id) => id !== userId) } : r))
          .filter((r) => r.userIds.length > 0);
        return save(message, reactions);
      }),
  };
}
