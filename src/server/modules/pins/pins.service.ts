import type { Message } from '../../../shared/protocol/messages.js';
import { MAX_PINS } from '../../../shared/protocol/pins.js';
import type { PinList } from '../../../shared/protocol/pin-list.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { accessConversation, type Access } from '../conversations/access.js';
import type { Actor } from '../conversations/conversations.service.js';
import type { ConversationStore } from '../conversations/conversations.store.js';
import { presentMessage } from '../messages/message.presenter.js';
import type { MessageRecord, MessageStore } from '../messages/messages.store.js';
import type { PinStore } from './pins.store.js';

/**
 * Any member who can see a message may pin it to the conversation or unpin it. Each change takes the conversation's
 * next seq and goes out as `message.updated`, so every open tab and every reconnecting client sees it.
 */
export function createPinService(deps: {
  pins: PinStore;
  messages: MessageStore;
  conversations: ConversationStore;
  clock: Clock;
  announceUpdate: (record: MessageRecord) => Promise<void>;
}) {
  const { pins, messages, conversations, clock } = deps;

  /** Someone who cannot see the message learns nothing about it, not even that it exists. */
  async function visibleMessage(actor: Actor, messageId: number): Promise<{ record: MessageRecord; access: Access }> {
    const record = await messages.getMessage(messageId);
    const access = record ? await accessConversation(conversations, actor.id, record.conversationId).catch(() => null) : null;
    if (!record || !access || record.seq <= access.membership.historyFromSeq || record.deletedAt !== null) {
      throw new AppError('NOT_FOUND', 'No such message.');
    }
    return { record, access };
  }

  return {
    async pinMessage(actor: Actor, messageId: number): Promise<Message> {
      const { record, access } = await visibleMessage(actor, messageId);
      if (record.kind === 'system') throw new AppError('BAD_REQUEST', 'System messages cannot be pinned.');
      const result = await pins.pinMessage(messageId, { userId: actor.id, now: clock.now(), max: MAX_PINS });
      if (result === 'full') {
        throw new AppError('TOO_MANY_PINS', `This conversation already has ${MAX_PINS} pinned messages; unpin one first.`);
      }
      if (result.changed) await deps.announceUpdate(result.record);
      return presentMessage(result.record, access.membership.historyFromSeq);
    },

    async unpinMessage(actor: Actor, messageId: number): Promise<Message> {
      const { access } = await visibleMessage(actor, messageId);
      const result = await pins.unpinMessage(messageId);
      if (result.changed) await deps.announceUpdate(result.record);
      return presentMessage(result.record, access.membership.historyFromSeq);
    },

    async listPins(actor: Actor, conversationId: number): Promise<PinList> {
      const { membership } = await accessConversation(conversations, actor.id, conversationId);
      const pinned = await pins.listPinned(conversationId, membership.historyFromSeq);
      return { messages: pinned.map((record) => presentMessage(record, membership.historyFromSeq)) };
    },
  };
}

export type PinService = ReturnType<typeof createPinService>;
