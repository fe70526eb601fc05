import type { SearchResult } from '../../../shared/protocol/search.js';
import { presentMessage } from '../messages/message.presenter.js';
import type { ParsedQuery } from './search-query.js';
import type { SearchHit } from './search.store.js';
import { buildSnippet, type Needle } from './snippet.js';

/** What to highlight: every term looked for (short ones as whole words) and the typo corrections the index used. */
export function highlightNeedles(query: ParsedQuery, similarWords: readonly string[]): Needle[] {
  return [
    ...query.terms.map((t) => ({ text: t.text, wholeWord: [...t.text].length < 3 })),
    ...similarWords.map((word) => ({ text: word, wholeWord: false })),
  ];
}

/** A hit as the searcher may see it: the message (reply preview withheld from before they joined) and a snippet. */
export function presentSearchHit(hit: SearchHit, needles: readonly Needle[]): SearchResult {
  const { message } = hit;
  return {
    message: presentMessage(message, hit.historyFromSeq),
    conversation: hit.conversation,
    author: message.authorId === null ? null : { id: message.authorId, username: hit.authorName ?? '' },
    createdAt: message.createdAt,
    snippet: buildSnippet(message.body ?? '', needles),
  };
}
