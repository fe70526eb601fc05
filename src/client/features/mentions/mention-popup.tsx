// The `@` dropdown of the composer: typing `@` offers the conversation's members (everyone, in public channels) and
// `@everyone` / `@here`. Focus stays in the text area, which points into the options' listbox with aria-controls and
// aria-activedescendant, so a screen reader reads the highlighted option while the person keeps typing. The text
// area keeps its textbox role (a multi-line field is not a combobox; aria-autocomplete="list" says it suggests).
import { useSignal } from '@preact/signals';
import type { ComponentChild } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Conversation } from '../../../shared/protocol/conversations.js';
import { me, users } from '../conversations/state.js';
import { setDraft } from '../messages/composer-state.js';
import { insertMention, mentionCandidates, mentionQueryAt, type MentionCandidate } from './mentions.js';

export interface MentionPopup {
  popup: ComponentChild;
  /** True when the key was the popup's (↑/↓, Enter/Tab, Esc while open). */
  onKeyDown: (event: KeyboardEvent) => boolean;
}

export function useMentionPopup(conversation: Conversation, field: { current: HTMLTextAreaElement | null }, text: string): MentionPopup {
  const caret = useSignal<number | null>(null);
  const active = useSignal(0);
  /** Where the `@` was that Esc dismissed: the dropdown stays closed for it, and opens again for the next one. */
  const dismissedAt = useSignal<number | null>(null);
  const lastQuery = useRef<string | null>(null);
  const listId = `mention-list-${conversation.id}`;

  // The caret moves without the text changing (arrows, clicks): follow it, and forget it when focus leaves.
  useEffect(() => {
    const element = field.current;
    if (!element) return;
    const track = () => (caret.value = element.selectionStart === element.selectionEnd ? element.selectionStart : null);
    const leave = () => (caret.value = null);
    const events = ['input', 'keyup', 'click', 'focus', 'select'] as const;
    for (const name of events) element.addEventListener(name, track);
    element.addEventListener('blur', leave);
    return () => {
      for (const name of events) element.removeEventListener(name, track);
      element.removeEventListener('blur', leave);
    };
  }, [field.current]);

  const at = caret.value === null ? null : Math.min(caret.value, text.length);
  const query = at === null ? null : mentionQueryAt(text, at);
  const candidates = query ? mentionCandidates(query.query, conversation, users.value, me.value) : [];
  const open = query !== null && candidates.length > 0 && dismissedAt.value !== query.start;
  const key = query ? `${query.start}:${query.query}` : null;
  if (key !== lastQuery.current) {
    lastQuery.current = key;
    active.value = 0;
    if (query === null || (dismissedAt.value !== null && query.start !== dismissedAt.value)) dismissedAt.value = null;
  }
  const highlighted = Math.min(active.value, candidates.length - 1);

  useEffect(() => {
    const element = field.current;
    if (!element) return;
    element.setAttribute('aria-autocomplete', 'list');
    if (open) {
      element.setAttribute('aria-controls', listId);
      element.setAttribute('aria-activedescendant', `${listId}-${highlighted}`);
    } else {
      element.removeAttribute('aria-controls');
      element.removeAttribute('aria-activedescendant');
    }
  });

  function pick(candidate: MentionCandidate): void {
    const element = field.current;
    if (!element || !query || at === null) return;
    const next = insertMention(text, query, at, candidate.name);
    setDraft(conversation.id, next.text);
    element.value = next.text;
    element.setSelectionRange(next.caret, next.caret);
    element.focus();
    caret.value = next.caret;
  }

  function onKeyDown(event: KeyboardEvent): boolean {
    if (!open || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return false;
    switch (event.key) {
      case 'ArrowDown':
        active.value = (highlighted + 1) % candidates.length;
        return true;
      case 'ArrowUp':
        active.value = (highlighted - 1 + candidates.length) % candidates.length;
        return true;
      case 'Enter':
      case 'Tab':
        if (event.shiftKey) return false;
        pick(candidates[highlighted] as MentionCandidate);
        return true;
      case 'Escape':
        dismissedAt.value = query.start;
        return true;
      default:
        return false;
    }
  }

  const popup = open ? (
    // Clicking an option must not take focus from the text area.
    <ul id={listId} role="listbox" aria-label="Mention someone" class="mention-popup" onMouseDown={(event) => event.preventDefault()}>
      {candidates.map((candidate, index) => (
        <li
          key={candidate.name}
          id={`${listId}-${index}`}
          role="option"
          aria-selected={index === highlighted}
          class={`mention-option${index === highlighted ? ' is-active' : ''}`}
          onClick={() => pick(candidate)}
          onMouseMove={() => {
            if (active.value !== index) active.value = index;
          }}
        >
          <span class="mention-option-name">@{candidate.name}</span>
          {candidate.description && <span class="mention-option-description">{candidate.description}</span>}
        </li>
      ))}
    </ul>
  ) : null;

  return { popup, onKeyDown };
}
