import { Type, type Static } from 'typebox';
import { ConversationKind, UserSummary } from './conversations.js';
import { Message } from './messages.js';

/** Longest query, in characters; longer ones are refused with a clear message rather than cut. */
export const SEARCH_QUERY_MAX_LENGTH = 1_000;
/** Most words (terms, phrases and exclusions together) in one query. */
export const SEARCH_MAX_TERMS = 32;
export const SEARCH_PAGE_SIZE = 50;
export const SEARCH_PAGE_MAX = 100;

/**
 * `GET /api/search`. `q` is the query language (`from:@alice in:#general before:2026-11-01 "exact phrase" -word`,
 * see docs/api.md); `cursor` is the `nextCursor` of the previous page; `timeZone` (IANA name, default UTC) says
 * which calendar the dates in `before:` / `after:` / `on:` belong to.
 */
export const SearchRequest = Type.Object(
  {
    // The real limit (SEARCH_QUERY_MAX_LENGTH) is checked by the domain so it can answer with a clear message.
    q: Type.String({ maxLength: 20_000 }),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_PAGE_MAX })),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type SearchRequest = Static<typeof SearchRequest>;

/** A matching part of a snippet: `text.slice(start, end)` (UTF-16 offsets, as JavaScript strings count). */
export const HighlightRange = Type.Object({ start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) });
export type HighlightRange = Static<typeof HighlightRange>;

/**
 * Plain text around the first match (whitespace collapsed, "…" where cut), never HTML: the client builds the
 * highlighted parts from text nodes. Ranges are sorted and do not overlap.
 */
export const Snippet = Type.Object({ text: Type.String(), highlights: Type.Array(HighlightRange) });
export type Snippet = Static<typeof Snippet>;

export const SearchResult = Type.Object({
  message: Message,
  conversation: Type.Object({ id: Type.Integer(), kind: ConversationKind, name: Type.Union([Type.String(), Type.Null()]) }),
  author: Type.Union([UserSummary, Type.Null()]),
  createdAt: Type.Integer(),
  snippet: Snippet,
});
export type SearchResult = Static<typeof SearchResult>;

export const SearchResults = Type.Object({
  /** Best first: the words as typed, then whole words, then parts of words, then typo corrections; newest first within each. */
  results: Type.Array(SearchResult),
  /** Pass as `cursor` for the next page ("Load more"); null on the last page. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  /** Things the person should know about their query, e.g. that `has:file` cannot match anything yet. */
  notes: Type.Array(Type.String()),
});
export type SearchResults = Static<typeof SearchResults>;
