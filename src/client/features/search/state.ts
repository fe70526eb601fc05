// Message search in the header: what is typed, the results for it, and the actions on them. Talking to the server is
// session.ts; the rules are in query-text.ts and result-list.ts; rendering is in the components.
import { batch, signal } from '@preact/signals';
import { api } from '../../api/api.js';
import { conversationPath, navigate } from '../../app/router.js';
import type { SearchResult } from '../../../shared/protocol/search.js';
import { errorMessage } from '../auth/error-message.js';
import { conversations, refreshConversation } from '../conversations/state.js';
import { requestJump } from '../messages/view-state.js';
import { withFilter, type FilterOperator } from './query-text.js';
import { moveActive, NO_RESULT } from './result-list.js';
import { createSearchSession, IDLE, type SearchView } from './session.js';

/** The text in the box. */
export const searchText = signal('');
export const searchView = signal<SearchView>(IDLE);
export const panelOpen = signal(false);
/** The result ↑/↓ made active (Enter opens it), or NO_RESULT. */
export const activeResult = signal(NO_RESULT);
/** A problem opening a result (its conversation is gone), shown under the box. */
export const openProblem = signal<string | null>(null);

/** The calendar `before:` / `after:` / `on:` mean: the person's own. */
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;

const session = createSearchSession({
  fetchPage: (q, cursor, abort) => api.searchMessages({ q, cursor, timeZone }, abort),
  describeError: errorMessage,
  onChange: (view) =>
    batch(() => {
      if (view.query !== searchView.value.query) activeResult.value = NO_RESULT;
      searchView.value = view;
    }),
});

export function typeSearch(text: string): void {
  batch(() => {
    searchText.value = text;
    panelOpen.value = true;
    openProblem.value = null;
  });
  session.type(text);
}

/** A filter control changed: the query text is rewritten, exactly as if the operator had been typed. */
export function setFilter(operator: FilterOperator, values: readonly string[]): void {
  typeSearch(withFilter(searchText.value, operator, values));
}

export function searchNow(): void {
  session.flush();
}

export function loadMoreResults(): void {
  session.loadMore();
}

export function openPanel(): void {
  panelOpen.value = true;
}

export function closePanel(): void {
  panelOpen.value = false;
}

export function moveActiveResult(key: 'ArrowDown' | 'ArrowUp'): void {
  activeResult.value = moveActive(activeResult.value, searchView.value.results.length, key);
}

/** Logged out: nothing of this person's searches may stay in the tab. */
export function resetSearch(): void {
  session.reset();
  batch(() => {
    searchText.value = '';
    panelOpen.value = false;
    activeResult.value = NO_RESULT;
    openProblem.value = null;
  });
}

/**
 * Shows the message in its conversation, loading the history around it, and flashes it (the message list does both
 * for a jump target). A conversation not in the list (a DM closed since) is fetched first.
 */
export async function openResult(result: SearchResult): Promise<void> {
  const id = result.conversation.id;
  if (!conversations.value.has(id)) await refreshConversation(id);
  if (!conversations.value.has(id)) {
    openProblem.value = 'That conversation is no longer available.';
    return;
  }
  closePanel();
  requestJump(id, result.message.id);
  navigate(conversationPath(id));
}
