// Keyboard state that components read: the message selected in visual mode (none = normal mode) and the help dialog.
import { computed, signal } from '@preact/signals';
import type { Mode } from './keymap.js';

export const visualSelection = signal<{ conversationId: number; messageId: number } | null>(null);
export const mode = computed<Mode>(() => (visualSelection.value ? 'visual' : 'normal'));
export const helpOpen = signal(false);

export function isSelected(messageId: number): boolean {
  return visualSelection.value?.messageId === messageId;
}
