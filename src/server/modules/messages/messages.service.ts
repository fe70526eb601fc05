import type { ChangesPage } from '../../../shared/protocol/events.js';
import { MESSAGE_MAX_LENGTH, type HistoryPage } from '../../../shared/protocol/messages.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus } from '../../realtime/event-bus.js';
import { accessConversation } from '../conversations/access.js';
import { presentConversation } from '../conversations/conversation.presenter.js';
import type { Actor } from '../conversations/conversations.service.js';
import type { ConversationStore } from '../conversations/conversations.store.js';
import { resolveMentions } from '../mentions/resolve-mentions.js';
import { AttachmentUnavailableError } from '../uploads/uploads.store.js';
import { presentMessage } from './message.presenter.js';
import type { MessageRecord, MessageStore } from './messages.store.js';
import { codePoints } from './code-points.js';

const PAGE_SIZE = 50;
/** Past this many missed changes a reconnecting client reloads the conversation instead of replaying. */
const MAX_REPLAY = 500;

type MessageEventType = 'message.created' | 'message.updated' | 'message.deleted';

function cleanText(raw: string): string {
  const text = raw.trim();
  if (text.length === 0) throw new AppError('EMPTY_MESSAGE', 'A message cannot be empty.');
  // Counted in code points (an emoji is one character), of which there are never more than UTF-16 units.
  const length = text.length > MESSAGE_MAX_LENGTH ? codePoints(text) : text.length;
  if (length > MESSAGE_MAX_LENGTH) {
    throw new AppError('MESSAGE_TOO_LONG', `A message can be at most ${MESSAGE_MAX_LENGTH.toLocaleString('en')} characters; this one has ${length.toLocaleString('en')}.`);
  }
  return text;
}

/** Messages deleted per transaction when a whole account's messages go, so other writes are not held up. */
const DELETE_BATCH = 500;

export function createMessageService(deps: {
  messages: MessageStore;
  conversations: ConversationStore;
  bus: EventBus;
  clock: Clock;
  /** Told about each new message people send (metrics; typing, which starts afresh after a send). */
  onSent?: (message: MessageRecord) => void;
  /** Whether a user is active right now, for `@here` (presence); nobody is, without it. */
  isActive?: (userId: number) => boolean;
  /** Told after a message's text was stored and announced, new or edited (link previews start from here). */
  onTextChanged?: (record: MessageRecord, previousBody: string | null) => void;
  /** Told after messages were deleted (their files leave the disk). */
  onDeleted?: () => void;
}) {
  const { messages, conversations, bus, clock } = deps;
  const mentionsIn = (conversationId: number, authorId: number, text: string) =>
    resolveMentions({ conversations, isActive: deps.isActive ?? (() => false) }, { conversationId, authorId, text });

  /**
   * Fanned out to the conversation's members who may see this message (late joiners of a private channel never
   * receive events about what came before them). A reply whose parent predates a member's arrival reaches that
   * member with the parent's preview withheld.
   */
  async function publish(type: MessageEventType, record: MessageRecord, seq: number): Promise<void> {
    const base = { type, conversationId: record.conversationId, seq };
    if (record.replyTo === null) {
      const userIds = await conversations.listAudienceIds(record.conversationId, record.seq);
      if (userIds.length > 0) bus.publish({ userIds }, { ...base, message: presentMessage(record) });
      return;
    }
    const audience = await conversations.listAudience(record.conversationId, record.seq);
    const parentSeq = record.replyTo.seq;
    const seesParent = audience.filter((m) => m.historyFromSeq < parentSeq || parentSeq === 0).map((m) => m.userId);
    const withheld = audience.filter((m) => parentSeq !== 0 && m.historyFromSeq >= parentSeq);
    if (seesParent.length > 0) bus.publish({ userIds: seesParent }, { ...base, message: presentMessage(record) });
    for (const member of withheld) {
      bus.publish({ userIds: [member.userId] }, { ...base, message: presentMessage(record, member.historyFromSeq) });
    }
  }

  async function ownMessage(actor: Actor, messageId: number, verb: string): Promise<MessageRecord> {
    const record = await messages.getMessage(messageId);
    const access = record ? await accessConversation(conversations, actor.id, record.conversationId).catch(() => null) : null;
    if (!record || !access || record.seq <= access.membership.historyFromSeq || record.deletedAt !== null) {
      throw new AppError('NOT_FOUND', 'No such message.');
    }
    if (record.kind === 'system' || record.authorId !== actor.id) {
      throw new AppError('FORBIDDEN', `You can only ${verb} your own messages.`);
    }
    return record;
  }

  return {
    announceNew: (record: MessageRecord) => publish('message.created', record, record.seq),
    /** For changes made by other modules (reactions, pins, previews): same audience rules as an edit. */
    announceUpdate: (record: MessageRecord) => publish('message.updated', record, record.updatedSeq),

    /**
     * Stored, committed, then announced. The client's id makes a retry return the first attempt's message
     * instead of posting it twice.
     */
    async sendMessage(actor: Actor, conversationId: number, input: { clientId: string; text: string; replyToId?: number | null; attachmentIds?: string[] }) {
      const { membership } = await accessConversation(conversations, actor.id, conversationId);
      // A retry gets the first attempt's message back, whatever it says now. The append finds it (inside the write,
      // so racing retries agree); only a retry that would fail the checks below needs looking up before.
      const asRetry = (earlier: MessageRecord) => {
        if (earlier.conversationId !== conversationId) throw new AppError('BAD_REQUEST', 'This client id was already used for another message.');
        return { message: presentMessage(earlier, membership.historyFromSeq), created: false };
      };
      const attachmentIds = input.attachmentIds ?? [];
      const replyToId = input.replyToId ?? null;
      let text: string;
      try {
        // Files alone make a message; words are optional then.
        text = attachmentIds.length > 0 && input.text.trim() === '' ? '' : cleanText(input.text);
        if (replyToId !== null) {
          const parent = await messages.getMessage(replyToId);
          if (!parent || parent.conversationId !== conversationId || parent.seq <= membership.historyFromSeq) {
            throw new AppError('INVALID_REPLY', 'You can only reply to a message in this conversation.');
          }
        }
      } catch (err) {
        const earlier = await messages.findByClientId(actor.id, input.clientId);
        if (earlier) return asRetry(earlier);
        throw err;
      }
      const mentions = await mentionsIn(conversationId, actor.id, text);
      const result = await messages
        .appendMessage({ conversationId, authorId: actor.id, body: text, clientId: input.clientId, replyToId, now: clock.now(), mentions, attachmentIds })
        .catch((err: unknown) => {
          if (!(err instanceof AttachmentUnavailableError)) throw err;
          throw new AppError('INVALID_ATTACHMENT', 'A file can only be sent once, by whoever uploaded it, in the conversation it was uploaded to. Upload it again.');
        });
      if (result.duplicate) return asRetry(result.message);
      for (const userId of result.reopenedFor) {
        const view = await conversations.getUserConversation(conversationId, userId);
        if (view) bus.publish({ userIds: [userId] }, { type: 'conversation.updated', conversation: presentConversation(view) });
      }
      await publish('message.created', result.message, result.message.seq);
      deps.onSent?.(result.message);
      deps.onTextChanged?.(result.message, null);
      return { message: presentMessage(result.message, membership.historyFromSeq), created: true };
    },

    async editMessage(actor: Actor, messageId: number, rawText: string) {
      const record = await ownMessage(actor, messageId, 'edit');
      const text = cleanText(rawText);
      if (text === record.body) return presentMessage(record);
      const mentions = await mentionsIn(record.conversationId, actor.id, text);
      const updated = await messages.editMessage(messageId, text, clock.now(), mentions);
      await publish('message.updated', updated, updated.updatedSeq);
      deps.onTextChanged?.(updated, record.body);
      return presentMessage(updated);
    },

    /** Soft delete: the row stays (its place in history and replies), the words are gone everywhere. */
    async deleteMessage(actor: Actor, messageId: number): Promise<void> {
      await ownMessage(actor, messageId, 'delete');
      const deleted = await messages.deleteMessage(messageId, clock.now());
      deps.onDeleted?.();
      await publish('message.deleted', deleted, deleted.updatedSeq);
    },

    /**
     * Every message of an account, deleted as its author could delete them one by one (text gone everywhere, each
     * change with its own seq so reconnecting clients replay it). Only the newest deletion per conversation is
     * announced: clients see the gap in seq and ask /changes for the rest (or reload, when too much changed),
     * rather than receiving one event per message of a long history.
     */
    async deleteAllMessagesOf(authorId: number): Promise<number> {
      let total = 0;
      for (;;) {
        const { deleted, newest } = await messages.deleteMessagesByAuthor(authorId, clock.now(), DELETE_BATCH);
        total += deleted;
        for (const record of newest) await publish('message.deleted', record, record.updatedSeq);
        if (deleted < DELETE_BATCH) {
          deps.onDeleted?.();
          return total;
        }
      }
    },

    async history(actor: Actor, conversationId: number, query: { before?: number; around?: number; limit?: number }): Promise<HistoryPage> {
      const { conversation, membership } = await accessConversation(conversations, actor.id, conversationId);
      const limit = query.limit ?? PAGE_SIZE;
      const minSeq = membership.historyFromSeq;
      let older: MessageRecord[];
      let newer: MessageRecord[] = [];
      if (query.around !== undefined) {
        const target = await messages.getMessage(query.around);
        if (!target || target.conversationId !== conversationId || target.seq <= minSeq) throw new AppError('NOT_FOUND', 'No such message.');
        const half = Math.floor(limit / 2);
        older = await messages.listBefore(conversationId, { beforeSeq: target.seq + 1, minSeq, limit: limit - half + 1 });
        newer = await messages.listAfter(conversationId, { afterSeq: target.seq, minSeq, limit: half + 1 });
      } else {
        older = await messages.listBefore(conversationId, { beforeSeq: query.before ?? null, minSeq, limit: limit + 1 });
      }
      const olderLimit = query.around !== undefined ? limit - Math.floor(limit / 2) : limit;
      const hasMore = older.length > olderLimit;
      const hasNewer = newer.length > Math.floor(limit / 2);
      const page = [...older.slice(0, olderLimit).reverse(), ...newer.slice(0, Math.floor(limit / 2))];
      return {
        messages: page.map((m) => presentMessage(m, minSeq)),
        hasMore,
        hasNewer,
        lastSeq: conversation.lastSeq,
        readPositions: await conversations.readPositions(conversationId),
      };
    },

    /** What a client missed since `after`, in current state (a message edited twice shows once, as it is now). */
    async changes(actor: Actor, conversationId: number, after: number): Promise<ChangesPage> {
      const { conversation, membership } = await accessConversation(conversations, actor.id, conversationId);
      const minSeq = membership.historyFromSeq;
      const changed = await messages.listChangedSince(conversationId, { afterSeq: after, minSeq, limit: MAX_REPLAY + 1 });
      if (changed.length > MAX_REPLAY) return { events: [], lastSeq: conversation.lastSeq, reset: true };
      const events = changed.map((m) => {
        const message = presentMessage(m, minSeq);
        const type: MessageEventType = m.deletedAt !== null ? 'message.deleted' : m.seq > after ? 'message.created' : 'message.updated';
        return { type, conversationId, seq: type === 'message.created' ? m.seq : m.updatedSeq, message };
      });
      return { events, lastSeq: conversation.lastSeq, reset: false };
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;
