// Pure rules of the results list: which result the arrow keys make active, and when to fetch another page.
import { SEARCH_PAGE_SIZE } from '../../../shared/protocol/search.js';

/** None active: Enter searches at once instead of opening a result. */
export const NO_RESULT = -1;

/**
 * ↓ from the box goes to the first result and on down, stopping at the last; ↑ goes back up and, from the first,
 * back to none (the box itself, where Home and End keep moving the caret).
 */
export function moveActive(active: number, count: number, key: 'ArrowDown' | 'ArrowUp'): number {
  if (count === 0) return NO_RESULT;
  const current = Math.min(active, count - 1);
  if (key === 'ArrowDown') return Math.min(current + 1, count - 1);
  return current <= 0 ? NO_RESULT : current - 1;
}

/** Results one "page" of the list shows: the first answer, and each "Load more". */
export const RESULTS_WANTED = SEARCH_PAGE_SIZE;
/**
 * Pages fetched in a row without the person asking. A server page may hold few results, even none, while more remain
 * (its work is bounded; most matches may be in conversations the person cannot read), so the list keeps asking —
 * but a query that matches almost nothing readable in a huge history stops after this many and offers "Load more"
 * instead of scanning it all unasked.
 */
export const MAX_PAGES_IN_A_ROW = 10;

/** Keep fetching while the server has more, the list has fewer than wanted, and the round is not used up. */
export function shouldKeepLoading({ held, wanted, nextCursor, pagesThisRound }: { held: number; wanted: number; nextCursor: string | null; pagesThisRound: number }): boolean {
  return nextCursor !== null && held < wanted && pagesThisRound < MAX_PAGES_IN_A_ROW;
}

/** The line under the results, read out as a status: progress, the count, or that nothing matched. */
export function statusLine({ query, status, results, nextCursor }: { query: string; status: string; results: readonly unknown[]; nextCursor: string | null }): string {
  if (query === '' && status === 'idle') return '';
  if (status === 'waiting' || status === 'loading') return 'Searching…';
  if (status === 'failed') return '';
  const count = results.length;
  if (count === 0) return nextCursor === null ? 'No matching messages' : 'No matching messages so far';
  const found = count === 1 ? '1 message' : `${count} messages`;
  return nextCursor === null ? found : `${found} so far`;
}
