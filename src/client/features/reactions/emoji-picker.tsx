// The emoji picker, for reactions and for the composer. Typing searches (the field has focus from the start),
// arrows move through the grid, Enter picks, Esc closes; recent emoji first. A listbox driven from the search field
// (combobox + aria-activedescendant), so a screen reader hears each emoji's name as the choice moves.
import { useComputed, useSignal } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { EMOJI_GROUPS, loadEmoji, type PickerEmoji } from './emoji-data.js';
import { recentEntries, searchEmoji } from './emoji-search.js';
import { recentEmoji } from './state.js';

/** Options per row of the grid: what ↑ and ↓ move by. Matches the CSS grid. */
const COLUMNS = 9;
const MARGIN = 8;

interface Section {
  label: string;
  items: PickerEmoji[];
}

/** The emoji on each category's jump button. */
const CATEGORY_ICONS: Readonly<Record<string, string>> = {
  Recent: '🕘',
  'Smileys & emotion': '😀',
  'People & body': '👋',
  'Animals & nature': '🐻',
  'Food & drink': '🍔',
  'Travel & places': '🚗',
  Activities: '⚽',
  Objects: '💡',
  Symbols: '💕',
  Flags: '🏁',
};

let pickers = 0;

export interface EmojiPickerProps {
  /** The button that opened it: the picker sits next to it and gives focus back to it on close. */
  anchor: HTMLElement;
  /** The dialog's name: "Add a reaction", "Insert an emoji". */
  title: string;
  onPick: (emoji: string) => void;
  onClose: () => void;
}

export function EmojiPicker({ anchor, title, onPick, onClose }: EmojiPickerProps) {
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const idBase = useRef(`emoji-picker-${++pickers}`).current;
  const all = useSignal<PickerEmoji[] | null>(null);
  const failed = useSignal(false);
  const query = useSignal('');
  const active = useSignal(0);

  const sections = useComputed<Section[]>(() => {
    const list = all.value;
    if (!list) return [];
    if (query.value.trim() !== '') return [{ label: 'Search results', items: searchEmoji(list, query.value) }];
    const recent = recentEntries(list, recentEmoji.value);
    const groups = EMOJI_GROUPS.map(({ group, label }) => ({ label, items: list.filter((e) => e.group === group) }));
    return [...(recent.length > 0 ? [{ label: 'Recent', items: recent }] : []), ...groups];
  });
  const flat = useComputed(() => sections.value.flatMap((s) => s.items));
  const optionId = (index: number) => `${idBase}-option-${index}`;

  useEffect(() => {
    loadEmoji().then(
      (list) => (all.value = list),
      () => (failed.value = true),
    );
  }, []);

  const close = (restoreFocus: boolean) => {
    onClose();
    if (restoreFocus) anchor.focus();
  };

  // Placed from script (the CSP forbids inline styles): above the button when there is room, else below.
  useLayoutEffect(() => {
    const place = () => {
      const panel = root.current;
      if (!panel) return;
      const at = anchor.getBoundingClientRect();
      const { width, height } = panel.getBoundingClientRect();
      const above = at.top - height - MARGIN >= 0;
      const top = above ? at.top - height - MARGIN : Math.min(at.bottom + MARGIN, window.innerHeight - height - MARGIN);
      const left = Math.min(Math.max(MARGIN, at.right - width), window.innerWidth - width - MARGIN);
      panel.style.top = `${Math.max(MARGIN, top)}px`;
      panel.style.left = `${Math.max(MARGIN, left)}px`;
    };
    place();
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [anchor]);

  useEffect(() => {
    input.current?.focus();
    const closeOnOutsideClick = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!root.current?.contains(target) && !anchor.contains(target)) onClose();
    };
    document.addEventListener('mousedown', closeOnOutsideClick);
    return () => document.removeEventListener('mousedown', closeOnOutsideClick);
  }, []);

  useEffect(() => {
    document.getElementById(optionId(active.value))?.scrollIntoView({ block: 'nearest' });
  }, [active.value]);

  const pick = (entry: PickerEmoji | undefined) => {
    if (!entry) return;
    onPick(entry.emoji);
    // The composer puts the focus back in its field; otherwise it goes back to the button that opened the picker.
    close(root.current?.contains(document.activeElement) ?? false);
  };

  const move = (by: number) => {
    const count = flat.value.length;
    if (count > 0) active.value = Math.min(count - 1, Math.max(0, active.value + by));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // The grid is what the arrows move through, left and right included: a search rarely needs its caret moved.
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS };
    const by = moves[event.key];
    if (by !== undefined) {
      event.preventDefault();
      move(by);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(flat.value[active.value]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  /** Scrolls to a category and makes its first emoji the choice (for the mouse: the keyboard searches instead). */
  const jumpTo = (label: string) => {
    const start = sections.value.findIndex((s) => s.label === label);
    if (start < 0) return;
    active.value = sections.value.slice(0, start).reduce((n, s) => n + s.items.length, 0);
    document.getElementById(`${idBase}-section-${start}`)?.scrollIntoView({ block: 'start' });
  };

  const current = flat.value[active.value];
  const status = failed.value
    ? 'The emoji list could not be loaded. Close this and try again.'
    : !all.value
      ? 'Loading emoji…'
      : flat.value.length === 0
        ? `No emoji match “${query.value}”.`
        : '';
  let index = 0;
  return (
    <div
      class="emoji-picker"
      role="dialog"
      aria-label={title}
      ref={root}
      onKeyDown={onKeyDown}
      // Clicks inside keep the focus (and the typed search) in the field.
      onMouseDown={(event) => event.target !== input.current && event.preventDefault()}
    >
      <input
        ref={input}
        class="emoji-search"
        type="text"
        role="combobox"
        aria-label="Search emoji"
        aria-expanded="true"
        aria-controls={`${idBase}-list`}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(active.value) : undefined}
        placeholder="Search emoji"
        autocomplete="off"
        spellcheck={false}
        value={query.value}
        onInput={(event) => {
          query.value = event.currentTarget.value;
          active.value = 0;
        }}
      />
      {query.value.trim() === '' && all.value && (
        <div class="emoji-categories" aria-hidden="true">
          {sections.value.map((section) => (
            <button key={section.label} type="button" tabIndex={-1} class="emoji-category" title={section.label} onClick={() => jumpTo(section.label)}>
              {CATEGORY_ICONS[section.label] ?? '•'}
            </button>
          ))}
        </div>
      )}
      <p class="emoji-status" role="status" hidden={!status}>
        {status}
      </p>
      <div id={`${idBase}-list`} class="emoji-list" role="listbox" aria-label="Emoji">
        {sections.value.map((section, s) => (
          <div key={section.label} role="group" aria-labelledby={`${idBase}-section-${s}`} class="emoji-section">
            <div id={`${idBase}-section-${s}`} class="emoji-section-title">
              {section.label}
            </div>
            <div class="emoji-grid">
              {section.items.map((entry) => {
                const i = index++;
                return (
                  <div
                    key={`${section.label}-${entry.emoji}`}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === active.value}
                    aria-label={entry.label}
                    title={entry.label}
                    class={`emoji-option${i === active.value ? ' is-active' : ''}`}
                    onMouseMove={() => i !== active.value && (active.value = i)}
                    onClick={() => pick(entry)}
                  >
                    {entry.emoji}
                  </div>
                );
              })}
            </div>
          </div>
        ))}
      </div>
      <div class="emoji-preview" aria-hidden="true">
        {current && (
          <>
            <span class="emoji-preview-glyph">{current.emoji}</span>
            <span class="emoji-preview-name">{current.label}</span>
            {current.shortcodes[0] && <span class="emoji-preview-code">:{current.shortcodes[0]}:</span>}
          </>
        )}
      </div>
    </div>
  );
}
