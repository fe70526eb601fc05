import { NO_MENTIONS, type Mentions } from '../../../shared/protocol/mentions.js';
import type { LinkPreview } from '../../../shared/protocol/previews.js';
import type { Reaction } from '../../../shared/protocol/reactions.js';
import type { Attachment } from '../../../shared/protocol/uploads.js';
import type { AppendResult, MentionWrite, MessageRecord, MessageStore } from '../../modules/messages/messages.store.js';
import { AttachmentUnavailableError, toAttachment } from '../../modules/uploads/uploads.store.js';
import type { SqliteDatabase } from './database.js';
import { createNewestPages } from './newest-pages.js';
import { toUpload, type UploadRow } from './uploads-store.js';
import type { WriteQueue } from './write-queue.js';

export interface MessageRow {
  id: number;
  conversation_id: number;
  seq: number;
  updated_seq: number;
  kind: 'user' | 'system';
  author_id: number | null;
  body: string | null;
  client_id: string | null;
  reply_to_id: number | null;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
  reactions: string | null;
  mentions: string | null;
  attachments: string | null;
  previews: string | null;
  pinned_by: number | null;
  pinned_at: number | null;
  p_seq: number | null;
  p_author_id: number | null;
  p_body: string | null;
  p_deleted_at: number | null;
}

const SELECT = `SELECT m.*, p.seq AS p_seq, p.author_id AS p_author_id, p.body AS p_body, p.deleted_at AS p_deleted_at
  FROM messages m LEFT JOIN messages p ON p.id = m.reply_to_id`;

/** The JSON copies on a message row are written only by our own stores, in the shapes of the protocol. */
function parsed<T>(json: string | null, empty: T): T {
  return json === null ? empty : (JSON.parse(json) as T);
}

export function toMessage(row: MessageRow): MessageRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    updatedSeq: row.updated_seq,
    kind: row.kind,
    authorId: row.author_id,
    body: row.body,
    clientId: row.client_id,
    replyTo:
      row.reply_to_id === null
        ? null
        : { id: row.reply_to_id, seq: row.p_seq ?? 0, authorId: row.p_author_id, body: row.p_body, deletedAt: row.p_deleted_at },
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
    reactions: parsed<Reaction[]>(row.reactions, []),
    mentions: parsed<Mentions>(row.mentions, NO_MENTIONS),
    pinned: row.pinned_by === null || row.pinned_at === null ? null : { userId: row.pinned_by, at: row.pinned_at },
    attachments: parsed<Attachment[]>(row.attachments, []),
    previews: parsed<LinkPreview[]>(row.previews, []),
  };
}

/**
 * The synchronous statements that write messages. Shared with the conversation store, whose membership changes
 * post their system message in the same transaction.
 */
export function prepareMessageWriter(db: SqliteDatabase) {
  const q = {
    nextSeq: db.prepare<[number | null, number], { last_seq: number }>(
      `UPDATE conversations SET last_seq = last_seq + 1, last_message_at = coalesce(?, last_message_at)
       WHERE id = ? RETURNING last_seq`,
    ),
    insert: db.prepare<[number, number, number, string, number | null, string, string | null, number | null, number], { id: number }>(
      `INSERT INTO messages (conversation_id, seq, updated_seq, kind, author_id, body, client_id, reply_to_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    ),
    byId: db.prepare<[number], MessageRow>(`${SELECT} WHERE m.id = ?`),
    byClientId: db.prepare<[number, string], MessageRow>(`${SELECT} WHERE m.author_id = ? AND m.client_id = ?`),
    setMentions: db.prepare<[string | null, number]>('UPDATE messages SET mentions = ? WHERE id = ?'),
    clearMentions: db.prepare<[number]>('DELETE FROM mentions WHERE message_id = ?'),
    addMention: db.prepare<[number, number, number, number]>(
      'INSERT OR IGNORE INTO mentions (user_id, message_id, conversation_id, seq) VALUES (?, ?, ?, ?)',
    ),
    // Almost every message finds nobody to reopen: asking first costs a quarter of an UPDATE that changes nothing.
    anyHidden: db.prepare<[number], number>('SELECT 1 FROM memberships WHERE conversation_id = ? AND hidden = 1 LIMIT 1').pluck(),
    reopen: db.prepare<[number], { user_id: number }>(
      'UPDATE memberships SET hidden = 0 WHERE conversation_id = ? AND hidden = 1 RETURNING user_id',
    ),
    // Only the uploader's own, still unattached upload, into the conversation it was uploaded to.
    attach: db.prepare<[number, string, number, number], UploadRow>(
      `UPDATE uploads SET message_id = ? WHERE id = ? AND uploader_id = ? AND conversation_id = ? AND message_id IS NULL AND removed = 0
       RETURNING *`,
    ),
    setAttachments: db.prepare<[string, number]>('UPDATE messages SET attachments = ? WHERE id = ?'),
  };

  function attachUploads(messageId: number, ids: readonly string[], authorId: number, conversationId: number): void {
    const attachments = ids.map((uploadId) => {
      const row = q.attach.get(messageId, uploadId, authorId, conversationId);
      if (!row) throw new AttachmentUnavailableError(uploadId);
      return toAttachment(toUpload(row));
    });
    q.setAttachments.run(JSON.stringify(attachments), messageId);
  }

  function nextSeq(conversationId: number, messageAt: number | null): number {
    const row = q.nextSeq.get(messageAt, conversationId);
    if (!row) throw new Error(`conversation ${conversationId} does not exist`);
    return row.last_seq;
  }

  const mentionsNone = (mentions: Mentions) => mentions.userIds.length === 0 && !mentions.everyone && !mentions.here;

  /**
   * Replaces a message's mentions: its JSON copy and its Mentions-view rows (keyed by the message's own seq). A new
   * message (ids are never reused) has neither yet, so there is nothing to clear.
   */
  function writeMentions(id: number, conversationId: number, seq: number, write: MentionWrite, isNew = false): void {
    const { mentions, notifiedIds } = write;
    const none = mentionsNone(mentions);
    if (!isNew) q.clearMentions.run(id);
    if (!isNew || !none) q.setMentions.run(none ? null : JSON.stringify(mentions), id);
    for (const userId of notifiedIds) q.addMention.run(userId, id, conversationId, seq);
  }

  return {
    nextSeq,
    writeMentions,
    getMessage(id: number): MessageRecord | null {
      const row = q.byId.get(id);
      return row ? toMessage(row) : null;
    },
    findByClientId(authorId: number, clientId: string): MessageRecord | null {
      const row = q.byClientId.get(authorId, clientId);
      return row ? toMessage(row) : null;
    },
    append(input: {
      conversationId: number;
      authorId: number | null;
      body: string;
      clientId: string | null;
      replyToId: number | null;
      now: number;
      mentions?: MentionWrite;
      attachmentIds?: readonly string[];
    }): AppendResult {
      if (input.authorId !== null && input.clientId !== null) {
        const existing = this.findByClientId(input.authorId, input.clientId);
        if (existing) return { message: existing, duplicate: true, reopenedFor: [] };
      }
      const seq = nextSeq(input.conversationId, input.now);
      const kind = input.authorId === null ? 'system' : 'user';
      const { id } = q.insert.get(input.conversationId, seq, seq, kind, input.authorId, input.body, input.clientId, input.replyToId, input.now) as { id: number };
      if (input.mentions) writeMentions(id, input.conversationId, seq, input.mentions, true);
      const attaches = input.attachmentIds !== undefined && input.attachmentIds.length > 0 && input.authorId !== null;
      if (attaches) attachUploads(id, input.attachmentIds as readonly string[], input.authorId as number, input.conversationId);
      const reopenedFor = q.anyHidden.get(input.conversationId) === undefined ? [] : q.reopen.all(input.conversationId).map((r) => r.user_id);
      // The row holds what was just written, unless it took more than these columns (the parent's preview, files).
      const message: MessageRecord =
        input.replyToId === null && !attaches
          ? {
              id,
              conversationId: input.conversationId,
              seq,
              updatedSeq: seq,
              kind,
              authorId: input.authorId,
              body: input.body,
              clientId: input.clientId,
              replyTo: null,
              createdAt: input.now,
              editedAt: null,
              deletedAt: null,
              reactions: [],
              mentions: input.mentions && !mentionsNone(input.mentions.mentions) ? input.mentions.mentions : NO_MENTIONS,
              pinned: null,
              attachments: [],
              previews: [],
            }
          : (this.getMessage(id) as MessageRecord);
      return { message, duplicate: false, reopenedFor };
    },
  };
}

export function createSqliteMessageStore(db: SqliteDatabase, queue: WriteQueue): MessageStore {
  const writer = prepareMessageWriter(db);
  const q = {
    edit: db.prepare<[string, number, number, number]>('UPDATE messages SET body = ?, edited_at = ?, updated_seq = ? WHERE id = ?'),
    // A deleted message keeps nothing that was said with it: reactions, mentions, previews and its pin go too.
    remove: db.prepare<[number, number, number]>(
      `UPDATE messages SET body = NULL, deleted_at = ?, updated_seq = ?, reactions = NULL, mentions = NULL, previews = NULL,
         attachments = NULL, pinned_by = NULL, pinned_at = NULL WHERE id = ?`,
    ),
    removeReactions: db.prepare<[number]>('DELETE FROM reactions WHERE message_id = ?'),
    removeMentions: db.prepare<[number]>('DELETE FROM mentions WHERE message_id = ?'),
    byAuthor: db.prepare<[number, number], { id: number; conversation_id: number }>(
      'SELECT id, conversation_id FROM messages WHERE author_id = ? AND deleted_at IS NULL ORDER BY id LIMIT ?',
    ),
    before: db.prepare<{ c: number; before: number; min: number; limit: number }, MessageRow>(
      `${SELECT} WHERE m.conversation_id = :c AND m.seq < :before AND m.seq > :min AND m.deleted_at IS NULL
       ORDER BY m.seq DESC LIMIT :limit`,
    ),
    after: db.prepare<{ c: number; after: number; limit: number }, MessageRow>(
      `${SELECT} WHERE m.conversation_id = :c AND m.seq > :after AND m.deleted_at IS NULL ORDER BY m.seq ASC LIMIT :limit`,
    ),
    changed: db.prepare<{ c: number; after: number; min: number; limit: number }, MessageRow>(
      `${SELECT} WHERE m.conversation_id = :c AND m.updated_seq > :after AND m.seq > :min
       ORDER BY m.updated_seq ASC LIMIT :limit`,
    ),
  };
  // Opening a conversation asks for its newest page; it stays the same until one of its messages is written.
  const newest = createNewestPages(db, (c, limit) => q.before.all({ c, before: Number.MAX_SAFE_INTEGER, min: 0, limit }).map(toMessage));

  function removeNow(id: number, conversationId: number, now: number): void {
    q.remove.run(now, writer.nextSeq(conversationId, null), id);
    q.removeReactions.run(id);
    q.removeMentions.run(id);
  }

  return {
    appendMessage: (input) => queue.run(() => writer.append(input), { replayable: true }),
    findByClientId: async (authorId, clientId) => writer.findByClientId(authorId, clientId),
    getMessage: async (id) => writer.getMessage(id),
    editMessage: (id, body, now, mentions) =>
      queue.run(() => {
        const message = writer.getMessage(id);
        if (!message) throw new Error(`message ${id} does not exist`);
        q.edit.run(body, now, writer.nextSeq(message.conversationId, null), id);
        if (mentions) writer.writeMentions(id, message.conversationId, message.seq, mentions);
        return writer.getMessage(id) as MessageRecord;
      }),
    deleteMessage: (id, now) =>
      queue.run(() => {
        const message = writer.getMessage(id);
        if (!message) throw new Error(`message ${id} does not exist`);
        removeNow(id, message.conversationId, now);
        return writer.getMessage(id) as MessageRecord;
      }),
    deleteMessagesByAuthor: (authorId, now, limit) =>
      queue.run(() => {
        const rows = q.byAuthor.all(authorId, limit);
        const newest = new Map<number, number>();
        for (const row of rows) {
          removeNow(row.id, row.conversation_id, now);
          newest.set(row.conversation_id, row.id);
        }
        return { deleted: rows.length, newest: [...newest.values()].map((id) => writer.getMessage(id) as MessageRecord) };
      }),
    listBefore: async (c, { beforeSeq, minSeq, limit }) =>
      beforeSeq === null
        ? (newest(c, { minSeq, limit }) as MessageRecord[])
        : q.before.all({ c, before: beforeSeq, min: minSeq, limit }).map(toMessage),
    listAfter: async (c, { afterSeq, minSeq, limit }) =>
      q.after.all({ c, after: Math.max(afterSeq, minSeq), limit }).map(toMessage),
    listChangedSince: async (c, { afterSeq, minSeq, limit }) =>
      q.changed.all({ c, after: afterSeq, min: minSeq, limit }).map(toMessage),
  };
}
