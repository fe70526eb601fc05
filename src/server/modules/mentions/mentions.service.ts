import type { MentionsPage } from '../../../shared/protocol/mentions-view.js';
import type { Actor } from '../conversations/conversations.service.js';
import { presentMessage } from '../messages/message.presenter.js';
import type { MentionStore } from './mentions.store.js';

const PAGE_SIZE = 50;

export function createMentionService(deps: { store: MentionStore }) {
  const { store } = deps;
  return {
    /** The Mentions view: what still waits to be read, newest first. Access is part of the store's query. */
    async unreadMentions(actor: Actor, query: { before?: number; limit?: number }): Promise<MentionsPage> {
      const limit = query.limit ?? PAGE_SIZE;
      const found = await store.listUnreadMentions(actor.id, { before: query.before ?? null, limit: limit + 1 });
      const page = found.slice(0, limit);
      const last = page.at(-1);
      return {
        messages: page.map(({ record, historyFromSeq }) => presentMessage(record, historyFromSeq)),
        nextBefore: found.length > limit && last ? last.record.id : null,
        total: await store.countUnreadMentions(actor.id),
      };
    },
  };
}

export type MentionService = ReturnType<typeof createMentionService>;
