// A fuzzy people picker: type, pick from the filtered list (mouse or arrows + Enter), and the person becomes a
// chip. An ARIA combobox over a listbox, so it is usable with a keyboard and announced properly.
import { useSignal } from '@preact/signals';
import { useEffect, useId, useRef } from 'preact/hooks';
import type { UserSummary } from '../../../shared/protocol/conversations.js';
import { Avatar } from '../../ui/avatar.js';
import { Icon } from '../../ui/icons.js';
import { fuzzyFilter } from './fuzzy.js';

interface UserPickerProps {
  label: string;
  /** Everyone who may be picked (already picked people are left out of the list). */
  candidates: readonly UserSummary[];
  picked: readonly UserSummary[];
  onChange: (picked: UserSummary[]) => void;
  /** What is typed but not picked; the dialogs send it as a name too, so the server can say it is unknown. */
  query: string;
  onQuery: (query: string) => void;
  focusOnMount?: boolean;
  describe?: (user: UserSummary) => string;
}

export function UserPicker({ label, candidates, picked, onChange, query, onQuery, focusOnMount, describe }: UserPickerProps) {
  const id = useId();
  const listId = `${id}-list`;
  const open = useSignal(false);
  /** The whole list on ↓ with nothing typed; otherwise it shows only while typing, so picking does not move the form. */
  const browsing = useSignal(false);
  const active = useSignal(0);
  const input = useRef<HTMLInputElement>(null);
  const pickedIds = new Set(picked.map((user) => user.id));
  const matches = fuzzyFilter(
    query,
    candidates.filter((user) => !pickedIds.has(user.id)),
    (user) => user.username,
  );
  const expanded = open.value && (query.trim() !== '' || browsing.value) && matches.length > 0;

  useEffect(() => {
    if (focusOnMount) input.current?.focus();
  }, []);
  const activeIndex = Math.min(active.value, matches.length - 1);

  const pick = (user: UserSummary) => {
    onChange([...picked, user]);
    onQuery('');
    active.value = 0;
    browsing.value = false;
    input.current?.focus();
  };

  return (
    <div class="field picker">
      <label class="field-label" for={id}>
        {label}
      </label>
      <div class="field-control picker-control" onClick={() => input.current?.focus()}>
        {picked.length > 0 && (
          <ul class="chips" aria-label={`${label}: picked`}>
            {picked.map((user) => (
              <li key={user.id} class="chip">
                <Avatar name={user.username} userId={user.id} size="xs" />
                <span>{user.username}</span>
                <button
                  type="button"
                  class="chip-remove"
                  aria-label={`Remove ${user.username}`}
                  onClick={(event) => {
                    event.stopPropagation();
                    onChange(picked.filter((other) => other.id !== user.id));
                    input.current?.focus();
                  }}
                >
                  <Icon name="close" />
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          ref={input}
          id={id}
          class="field-input picker-input"
          type="text"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded ? `${listId}-${activeIndex}` : undefined}
          autoComplete="off"
          autoCapitalize="none"
          spellcheck={false}
          placeholder={picked.length > 0 ? 'Add more…' : 'Type a name…'}
          value={query}
          onInput={(event) => {
            onQuery(event.currentTarget.value);
            open.value = true;
            active.value = 0;
          }}
          onFocus={() => (open.value = true)}
          onBlur={() => {
            open.value = false;
            browsing.value = false;
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              open.value = true;
              if (!expanded) {
                browsing.value = true;
                active.value = 0;
                return;
              }
              const step = event.key === 'ArrowDown' ? 1 : -1;
              active.value = (activeIndex + step + matches.length) % Math.max(1, matches.length);
            } else if (event.key === 'Enter' && expanded) {
              event.preventDefault();
              const user = matches[activeIndex];
              if (user) pick(user);
            } else if (event.key === 'Escape' && expanded) {
              // Closes the list, not the dialog around it.
              event.preventDefault();
              event.stopPropagation();
              open.value = false;
              browsing.value = false;
            } else if (event.key === 'Backspace' && query === '' && picked.length > 0) {
              onChange(picked.slice(0, -1));
            }
          }}
        />
      </div>
      <ul id={listId} role="listbox" class="picker-list" aria-label="Matching people" hidden={!expanded}>
        {matches.map((user, index) => (
          <li
            key={user.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === activeIndex}
            class={`picker-option${index === activeIndex ? ' is-active' : ''}`}
            // mousedown, not click: the input must not lose focus (and close the list) before the pick.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(user);
            }}
            onMouseMove={() => (active.value = index)}
          >
            <Avatar name={user.username} userId={user.id} size="xs" />
            <span>{describe ? describe(user) : user.username}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
