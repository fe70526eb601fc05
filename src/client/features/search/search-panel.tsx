// The popup under the search box: what is wrong with the query (if anything), the filter controls, the results as a
// listbox, a status line, the server's notes, and "Load more".
import { useEffect } from 'preact/hooks';
import { SearchFilters } from './search-filters.js';
import { ResultOption } from './search-result.js';
import { statusLine } from './result-list.js';
import { activeResult, loadMoreResults, openProblem, searchView } from './state.js';

const HINT =
  'Find messages by any part of a word. Narrow it down with the filters, or type from:@name, in:#channel, ' +
  'after:2026-10-01, before:2026-11-01, on:2026-11-05, has:link, "an exact phrase" or -word.';

export function SearchPanel({ listId, onLoadMore }: { listId: string; onLoadMore: () => void }) {
  const view = searchView.value;
  const { query, results, status, notes, nextCursor, error } = view;
  const active = Math.min(activeResult.value, results.length - 1);
  const problem = error ?? openProblem.value;

  useEffect(() => {
    if (active >= 0) document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  return (
    // Clicks on the panel's text keep focus in the box, so ↑/↓ and typing carry on; its controls still take focus.
    <div class="search-panel" onMouseDown={(event) => !(event.target as Element).closest('input, select, button, label') && event.preventDefault()}>
      {problem && (
        <p class="search-problem" role="alert">
          {problem}
        </p>
      )}
      <SearchFilters />
      <ul id={listId} role="listbox" aria-label="Search results" class={`search-results${status === 'waiting' ? ' is-stale' : ''}`} hidden={results.length === 0}>
        {results.map((result, index) => (
          <ResultOption key={result.message.id} id={`${listId}-${index}`} index={index} result={result} active={index === active} />
        ))}
      </ul>
      <p class="search-status" role="status">
        {statusLine(view)}
      </p>
      {query === '' && status === 'idle' && <p class="search-hint">{HINT}</p>}
      {notes.length > 0 && (
        <ul class="search-notes">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {status === 'done' && nextCursor !== null && (
        <button
          type="button"
          class="button button-secondary search-more"
          onClick={() => {
            loadMoreResults();
            onLoadMore();
          }}
        >
          Load more
        </button>
      )}
    </div>
  );
}
