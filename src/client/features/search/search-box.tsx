// The header's message search: an ARIA combobox whose popup holds the filter controls and the results, so ↑/↓ move
// through results while typing continues, and Enter opens the active one. `/` or `f` focuses it from anywhere that is
// not a text field (the keyboard module's table; Ctrl+K there is the previous conversation). See docs/api.md,
// "Search", for the query language.
import { useEffect, useId, useRef } from 'preact/hooks';
import { Icon } from '../../ui/icons.js';
import { SearchPanel } from './search-panel.js';
import { activeResult, closePanel, moveActiveResult, openPanel, openResult, panelOpen, resetSearch, searchNow, searchText, searchView, typeSearch } from './state.js';

/** The mounted search field, for the keyboard shortcut. */
let field: HTMLInputElement | null = null;

export function focusSearch(): void {
  if (!field) return;
  field.focus();
  field.select();
  openPanel();
}

export function SearchBox() {
  const id = useId();
  const listId = `${id}-results`;
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const open = panelOpen.value;

  useEffect(() => {
    field = input.current;
    return () => {
      field = null;
      resetSearch();
    };
  }, []);

  useEffect(() => {
    if (!open) return;
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) closePanel();
    };
    document.addEventListener('mousedown', closeOnOutsideClick);
    return () => document.removeEventListener('mousedown', closeOnOutsideClick);
  }, [open]);

  const { results } = searchView.value;
  const active = Math.min(activeResult.value, results.length - 1);
  const activeId = open && active >= 0 ? `${listId}-${active}` : undefined;

  return (
    <div
      class="search"
      ref={root}
      role="search"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        event.preventDefault();
        event.stopPropagation();
        closePanel();
        input.current?.focus();
      }}
      onFocusOut={(event) => {
        // Tabbing out closes it; a click outside is handled above (it may move focus nowhere).
        const next = event.relatedTarget as Node | null;
        if (next && !root.current?.contains(next)) closePanel();
      }}
    >
      <Icon name="search" class="search-icon" />
      <input
        ref={input}
        class="search-input"
        type="text"
        role="combobox"
        aria-label="Search messages"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        placeholder="Search messages"
        autoComplete="off"
        autoCapitalize="none"
        spellcheck={false}
        enterKeyHint="search"
        value={searchText.value}
        onInput={(event) => typeSearch(event.currentTarget.value)}
        onClick={openPanel}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            openPanel();
            moveActiveResult(event.key);
          } else if (event.key === 'Enter') {
            event.preventDefault();
            const result = activeId ? results[active] : undefined;
            if (result) void openResult(result);
            else {
              openPanel();
              searchNow();
            }
          }
        }}
      />
      {open && <SearchPanel listId={listId} onLoadMore={() => input.current?.focus()} />}
    </div>
  );
}
