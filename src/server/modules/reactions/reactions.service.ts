import { describeEmojiProblem, type EmojiCatalogue } from '../../../shared/domain/emoji.js';
import type { Message } from '../../../shared/protocol/messages.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { accessConversation } from '../conversations/access.js';
import type { Actor } from '../conversations/conversations.service.js';
import type { ConversationStore } from '../conversations/conversations.store.js';
import { presentMessage } from '../messages/message.presenter.js';
import type { MessageRecord, MessageStore } from '../messages/messages.store.js';
import type { ReactionOutcome, ReactionStore } from './reactions.store.js';

/** Distinct emoji on one message: enough for any real conversation, and a bound on the size of every message. */
export const MAX_DISTINCT_REACTIONS = 50;

const noSuchMessage = () => new AppError('NOT_FOUND', 'No such message.');
/** "No such conversation" becomes "no such message"; anything else (the database failing) stays what it is. */
const unlessNotFound = (error: unknown) => {
  if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
  throw error;
};

export function createReactionService(deps: {
  reactions: ReactionStore;
  messages: MessageStore;
  conversations: ConversationStore;
  emoji: EmojiCatalogue;
  clock: Clock;
  /** Tells everyone who sees the message about its new state (the message service's audience rules). */
  announceUpdate: (record: MessageRecord) => Promise<void>;
}) {
  const { reactions, messages, conversations, emoji, clock } = deps;

  /** Anyone who can see a message may react to it; everyone else is told it does not exist. */
  async function visibleMessage(actor: Actor, messageId: number): Promise<{ record: MessageRecord; historyFromSeq: number }> {
    const record = await messages.getMessage(messageId);
    const access = record ? await accessConversation(conversations, actor.id, record.conversationId).catch(unlessNotFound) : null;
    if (!record || !access || record.seq <= access.membership.historyFromSeq || record.deletedAt !== null) throw noSuchMessage();
    return { record, historyFromSeq: access.membership.historyFromSeq };
  }

  function resolve(text: string): string {
    const result = emoji.resolve(text);
    if ('problem' in result) throw new AppError('INVALID_EMOJI', describeEmojiProblem(result.problem, text));
    return result.emoji;
  }

  async function settle(result: ReactionOutcome, historyFromSeq: number): Promise<Message> {
    if (result.outcome === 'gone') throw noSuchMessage();
    if (result.outcome === 'full') {
      throw new AppError(
        'TOO_MANY_REACTIONS',
        `This message already has ${MAX_DISTINCT_REACTIONS} different reactions; add yours to one of them instead.`,
      );
    }
    if (result.outcome === 'changed') await deps.announceUpdate(result.message);
    return presentMessage(result.message, historyFromSeq);
  }

  return {
    /** Idempotent: reacting twice with the same emoji is one reaction. */
    async react(actor: Actor, messageId: number, text: string): Promise<Message> {
      const { historyFromSeq } = await visibleMessage(actor, messageId);
      const chosen = resolve(text);
      const result = await reactions.addReaction({ messageId, emoji: chosen, userId: actor.id, now: clock.now(), maxDistinct: MAX_DISTINCT_REACTIONS });
      return settle(result, historyFromSeq);
    },

    /** Idempotent too. An emoji the set no longer has can still be taken back if it is on the message. */
    async unreact(actor: Actor, messageId: number, text: string): Promise<Message> {
      const { record, historyFromSeq } = await visibleMessage(actor, messageId);
      const present = record.reactions.find((r) => r.emoji === text);
      const chosen = present ? present.emoji : resolve(text);
      return settle(await reactions.removeReaction({ messageId, emoji: chosen, userId: actor.id }), historyFromSeq);
    },
  };
}

export type ReactionService = ReturnType<typeof createReactionService>;
