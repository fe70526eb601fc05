// Which key sends in the composer, per device: Enter (Shift+Enter for a new line), or swapped for people who write
// long messages. Kept in this one module so it can move to server-side preferences without touching the composer.
import { signal } from '@preact/signals';

const STORAGE_KEY = 'minimost.enterAddsLine';

function read(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

/** True when Enter adds a line and Shift+Enter (or Ctrl+Enter) sends. */
export const enterAddsLine = signal(read());

export function setEnterAddsLine(value: boolean): void {
  enterAddsLine.value = value;
  try {
    if (value) localStorage.setItem(STORAGE_KEY, '1');
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode without storage: the choice lasts for this tab.
  }
}

export function isSendKey(event: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean; isComposing: boolean }): boolean {
  if (event.key !== 'Enter' || event.isComposing || event.altKey) return false;
  if (enterAddsLine.value) return event.shiftKey || event.ctrlKey || event.metaKey;
  return !event.shiftKey;
}
