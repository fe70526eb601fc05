import { usernameKey } from '../../../shared/domain/username.js';
import { SEARCH_PAGE_SIZE, type SearchRequest, type SearchResults } from '../../../shared/protocol/search.js';
import { AppError } from '../../lib/app-error.js';
import { accessConversation } from '../conversations/access.js';
import type { Actor } from '../conversations/conversations.service.js';
import type { ConversationStore } from '../conversations/conversations.store.js';
import { decodeCursor, encodeCursor } from './search-cursor.js';
import { cleanQuery, parseSearchQuery, type ConversationRef } from './search-query.js';
import { highlightNeedles, presentSearchHit } from './search.presenter.js';
import type { SearchStore } from './search.store.js';
import { checkTimeZone, startOfDay } from './time-zone.js';

const none = (notes: string[]): SearchResults => ({ results: [], nextCursor: null, notes });

export function createSearchService(deps: { store: SearchStore; conversations: ConversationStore }) {
  const { store, conversations } = deps;

  async function resolveUsers(names: readonly string[]): Promise<number[]> {
    const keys = [...new Set(names.map(usernameKey))];
    const found = await conversations.findUserIdsByKeys(keys);
    const unknown = keys.filter((k) => !found.has(k));
    if (unknown.length > 0) throw new AppError('UNKNOWN_USER', `No user named ${unknown.map((k) => `"${k}"`).join(', ')}.`, { unknown });
    return keys.map((k) => (found.get(k) as { id: number }).id);
  }

  /** The ones the one access gate lets this user read. */
  async function readable(actor: Actor, conversationIds: readonly number[]): Promise<number[]> {
    const allowed: number[] = [];
    for (const id of conversationIds) {
      const access = await accessConversation(conversations, actor.id, id).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
        throw error;
      });
      if (access) allowed.push(id);
    }
    return allowed;
  }

  /**
   * `in:` names to conversation ids. Someone else's private channel answers exactly like one that does not exist,
   * so a search never reveals what it cannot show.
   */
  async function resolveConversations(actor: Actor, refs: readonly ConversationRef[]): Promise<number[]> {
    const ids = new Set<number>();
    for (const ref of refs) {
      if (ref.kind === 'channel') {
        const found = await readable(actor, await store.findChannelIds(ref.name));
        if (found.length === 0) throw new AppError('INVALID_SEARCH', `You have no channel named "${ref.name}".`);
        found.forEach((id) => ids.add(id));
      } else {
        const [other] = await resolveUsers([ref.username]);
        const dm = await store.findDirectMessageId([actor.id, other as number]);
        const found = dm === null ? [] : await readable(actor, [dm]);
        if (found.length === 0) throw new AppError('INVALID_SEARCH', `You have no direct messages with ${ref.username}.`);
        found.forEach((id) => ids.add(id));
      }
    }
    return [...ids];
  }

  return {
    /**
     * Messages the user may read that match the query, best first, a page at a time. Names in the query become
     * ids here; the store applies the access rules inside its query, so nothing is filtered after the fact.
     */
    async searchMessages(actor: Actor, request: SearchRequest): Promise<SearchResults> {
      const query = parseSearchQuery(request.q);
      const timeZone = request.timeZone ?? 'UTC';
      checkTimeZone(timeZone);
      const searchKey = `${cleanQuery(request.q).trim()}\n${timeZone}`;
      const after = request.cursor === undefined ? null : decodeCursor(request.cursor, searchKey);

      // There are no attachments or pins yet, so no message has one: "none" is the true answer, not a stub.
      // Replace these with real conditions when uploads and pins land.
      const notes: string[] = [];
      if (query.hasFile) notes.push('has:file finds nothing yet: MiniMost does not keep attachments so far.');
      if (query.isPinned) notes.push('is:pinned finds nothing yet: MiniMost has no pins so far.');
      if (notes.length > 0) return none(notes);

      const authorIds = query.from.length > 0 ? await resolveUsers(query.from) : null;
      const conversationIds = query.in.length > 0 ? await resolveConversations(actor, query.in) : null;
      const createdFrom = query.days.from === null ? null : startOfDay(query.days.from, timeZone);
      const createdBefore = query.days.until === null ? null : startOfDay(query.days.until, timeZone);
      if (createdFrom !== null && createdBefore !== null && createdFrom >= createdBefore) {
        return none(['The dates leave no day to search: after: is the day after the one given, before: the day before.']);
      }

      const page = await store.searchMessages({
        userId: actor.id,
        terms: query.terms,
        excluded: query.excluded,
        authorIds,
        conversationIds,
        createdFrom,
        createdBefore,
        hasLink: query.hasLink,
        limit: request.limit ?? SEARCH_PAGE_SIZE,
        after,
      });
      const needles = highlightNeedles(query, page.similarWords);
      return {
        results: page.hits.map((hit) => presentSearchHit(hit, needles)),
        nextCursor: page.next === null ? null : encodeCursor(page.next, searchKey),
        notes,
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
