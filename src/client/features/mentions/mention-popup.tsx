// The `@` dropdown of the composer.
import type { ComponentChild } from 'preact';
import type { Conversation } from '../../../shared/protocol/conversations.js';

export interface MentionPopup {
  popup: ComponentChild;
  /** True when the key was the popup's (↑/↓, Enter/Tab, Esc while open). */
  onKeyDown: (event: KeyboardEvent) => boolean;
}

export function useMentionPopup(_conversation: Conversation, _field: { current: HTMLTextAreaElement | null }, _text: string): MentionPopup {
  return { popup: null, onKeyDown: () => false };
}
