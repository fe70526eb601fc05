import type { ConversationKind } from '../../../shared/protocol/conversations.js';
import type { MessageRecord } from '../messages/messages.store.js';

/**
 * Something to look for, as typed (case and accents are ignored when matching). How a term matches:
 * - 3 or more characters: anywhere, also inside words (`deploy` finds "redeployed");
 * - 1 or 2 characters: whole words only (`ci`, `qa`, `42`);
 * - a phrase (typed in quotes): the exact sequence, never typo-corrected;
 * - a single word of 5 or more letters, not a phrase: also words one typo away (one wrong, missing, extra or
 *   swapped letter: `deplyo` finds "deploy").
 */
export interface SearchTerm {
  text: string;
  phrase: boolean;
}

/** Where a page starts: within rank tier `tier`, messages older than `beforeId`. */
export interface SearchPosition {
  tier: number;
  beforeId: number;
}

/** Rank tiers, best first. A message is listed once, in the best tier it qualifies for. */
export const SEARCH_TIERS = {
  /** Every word as typed, whole and in order (only for queries of two or more terms). */
  exact: 0,
  /** Every term as whole words. */
  words: 1,
  /** Every term, also inside words. */
  partial: 2,
  /** Only with typo corrections. */
  similar: 3,
} as const;

export interface MessageSearch {
  /**
   * Whose eyes: only messages this user may read are considered — inside the query, never filtered afterwards:
   * public channels still in settings, private channels and DMs they belong to, and there only messages after
   * their join point (seq > history_from_seq). Deleted and system messages are never found.
   */
  userId: number;
  /** All must match (see SearchTerm). Empty: any message passing the filters. */
  terms: SearchTerm[];
  /** None may match (same matching rules as `terms`, without typo corrections). */
  excluded: SearchTerm[];
  /** Written by one of these users; null: anyone. */
  authorIds: number[] | null;
  /** In one of these conversations; null: all the user may read. */
  conversationIds: number[] | null;
  /** Posted at or after this instant (ms). */
  createdFrom: number | null;
  /** Posted before this instant (ms). */
  createdBefore: number | null;
  /** Contains a web address (http://, https:// or www.). */
  hasLink: boolean;
  limit: number;
  /** The previous page's `next`; null for the first page. */
  after: SearchPosition | null;
}

export interface SearchHit {
  message: MessageRecord;
  conversation: { id: number; kind: ConversationKind; name: string | null };
  authorName: string | null;
  /** The searcher's join point in this conversation, for presenting the message as they may see it. */
  historyFromSeq: number;
}

export interface SearchPage {
  /** Best tier first, newest first within a tier. */
  hits: SearchHit[];
  /**
   * Where the next page starts; null when there is nothing more. An adapter may bound the work of one page, so a
   * page can hold fewer hits than `limit` (even none) while `next` is set.
   */
  next: SearchPosition | null;
  /** Indexed words the terms were widened to by typo tolerance, so results can highlight them. */
  similarWords: string[];
}

export interface SearchStore {
  searchMessages(search: MessageSearch): Promise<SearchPage>;
  /** Ids of every channel (public or private) with this name, ignoring case; access is checked by the caller. */
  findChannelIds(name: string): Promise<number[]>;
  /** The DM of exactly these people, if it exists. */
  findDirectMessageId(memberIds: readonly number[]): Promise<number | null>;
}
