// One search box's conversation with the server: waits for a pause in typing, cancels what a newer query overtook
// (only the latest query's answer may ever show), and keeps fetching pages while the server has more and the list has
// too few (result-list.ts). No signals or DOM: the page is handed in, so it is unit-tested with fake timers.
import type { SearchResult, SearchResults } from '../../../shared/protocol/search.js';
import { RESULTS_WANTED, shouldKeepLoading } from './result-list.js';
import { isUnfinished } from './query-text.js';

export type SearchStatus = 'idle' | 'waiting' | 'loading' | 'done' | 'failed';

export interface SearchView {
  /** The query the results answer (trimmed); '' when idle. */
  query: string;
  results: readonly SearchResult[];
  notes: readonly string[];
  nextCursor: string | null;
  /** `waiting`: typed, the request not sent yet; the previous results stay until the new ones come. */
  status: SearchStatus;
  error: string | null;
}

export const IDLE: SearchView = { query: '', results: [], notes: [], nextCursor: null, status: 'idle', error: null };

export interface SessionDeps {
  fetchPage: (query: string, cursor: string | undefined, signal: AbortSignal) => Promise<SearchResults>;
  onChange: (view: SearchView) => void;
  describeError: (error: unknown) => string;
  /** Quiet time after the last keystroke before asking. */
  delayMs?: number;
}

export interface SearchSession {
  /** The box changed: search for it after a pause (or clear the results when there is nothing to search yet). */
  type(text: string): void;
  /** Search for what is typed now, without waiting (Enter); after a failure, try again. */
  flush(): void;
  /** "Load more": another page's worth of results for the same query. */
  loadMore(): void;
  /** Stops whatever is waiting or in flight and forgets the results (logging out). */
  reset(): void;
}

export function createSearchSession({ fetchPage, onChange, describeError, delayMs = 200 }: SessionDeps): SearchSession {
  let view = IDLE;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waitingFor: string | null = null;
  let inFlight: AbortController | null = null;

  const show = (next: SearchView) => {
    view = next;
    onChange(view);
  };

  function stop(): void {
    clearTimeout(timer);
    timer = undefined;
    waitingFor = null;
    inFlight?.abort();
    inFlight = null;
  }

  /** Fetches pages for `query` after those already held, until enough or the server has no more. */
  async function fetchPages(query: string, held: readonly SearchResult[], cursor: string | undefined, wanted: number): Promise<void> {
    const controller = new AbortController();
    inFlight = controller;
    let results = held;
    let notes = view.query === query ? view.notes : [];
    let nextCursor: string | null = cursor ?? null;
    show({ query, results, notes, nextCursor, status: 'loading', error: null });
    try {
      let pagesThisRound = 0;
      do {
        const page = await fetchPage(query, nextCursor ?? undefined, controller.signal);
        // Overtaken while the answer travelled: a newer query owns the view now.
        if (inFlight !== controller) return;
        const seen = new Set(results.map((r) => r.message.id));
        results = [...results, ...page.results.filter((r) => !seen.has(r.message.id))];
        notes = page.notes;
        nextCursor = page.nextCursor;
        pagesThisRound++;
        const more = shouldKeepLoading({ held: results.length, wanted, nextCursor, pagesThisRound });
        show({ query, results, notes, nextCursor, status: more ? 'loading' : 'done', error: null });
        if (!more) break;
      } while (inFlight === controller);
    } catch (error) {
      if (inFlight !== controller) return;
      show({ query, results, notes, nextCursor, status: 'failed', error: describeError(error) });
    } finally {
      if (inFlight === controller) inFlight = null;
    }
  }

  function start(query: string): void {
    stop();
    void fetchPages(query, [], undefined, RESULTS_WANTED);
  }

  return {
    type(text) {
      const query = text.trim();
      if (isUnfinished(text)) {
        stop();
        if (view !== IDLE) show(IDLE);
        return;
      }
      // The same search (a space added at the end): what is shown or coming still answers it.
      if (query === (waitingFor ?? view.query) && view.status !== 'failed') return;
      stop();
      waitingFor = query;
      show({ ...view, status: 'waiting', error: null });
      timer = setTimeout(() => start(query), delayMs);
    },

    flush() {
      if (waitingFor !== null) start(waitingFor);
      else if (view.status === 'failed' && view.query !== '') start(view.query);
    },

    loadMore() {
      const { query, results, nextCursor, status } = view;
      if (nextCursor === null || status === 'loading' || status === 'waiting') return;
      stop();
      void fetchPages(query, results, nextCursor, results.length + RESULTS_WANTED);
    },

    reset() {
      stop();
      show(IDLE);
    },
  };
}
