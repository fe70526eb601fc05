// The shortcut table and the mode machine, with no DOM: the handler (keyboard.ts) turns a key into an action here, and
// the help dialog lists the same table, so what is documented is what runs. See README, "Keyboard shortcuts".
export type Mode = 'normal' | 'visual';

export type Action =
  | 'focus-composer'
  | 'new-direct-message'
  | 'search'
  | 'scroll-down'
  | 'scroll-up'
  | 'half-page-down'
  | 'half-page-up'
  | 'top'
  | 'bottom'
  | 'next-conversation'
  | 'previous-conversation'
  | 'escape'
  | 'help'
  | 'visual'
  | 'select-newer'
  | 'select-older'
  | 'edit'
  | 'delete'
  | 'reply'
  | 'copy'
  | 'react'
  | 'pin'
  | 'exit-visual';

export interface Shortcut {
  mode: Mode;
  /** `KeyboardEvent.key` values that trigger it (Shift is already in the key: `G`, `?`). */
  keys: readonly string[];
  /** Needs Ctrl (or ⌘ on a Mac); every other shortcut fires only without Ctrl, ⌘ and Alt. */
  ctrl?: boolean;
  action: Action;
  /** As shown in the help dialog. */
  label: string;
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { mode: 'normal', keys: ['i'], action: 'focus-composer', label: 'i', description: 'Write a message (focus the composer)' },
  { mode: 'normal', keys: ['o'], action: 'new-direct-message', label: 'o', description: 'New direct message' },
  { mode: 'normal', keys: ['/', 'f'], action: 'search', label: '/ or f', description: 'Search messages' },
  { mode: 'normal', keys: ['j'], action: 'scroll-down', label: 'j', description: 'Scroll down' },
  { mode: 'normal', keys: ['k'], action: 'scroll-up', label: 'k', description: 'Scroll up' },
  { mode: 'normal', keys: ['d'], action: 'half-page-down', label: 'd', description: 'Scroll down half a page' },
  { mode: 'normal', keys: ['u'], action: 'half-page-up', label: 'u', description: 'Scroll up half a page' },
  { mode: 'normal', keys: ['g'], action: 'top', label: 'g', description: 'Go to the oldest loaded message' },
  { mode: 'normal', keys: ['G'], action: 'bottom', label: 'G', description: 'Go to the newest message' },
  { mode: 'normal', keys: ['j', 'J'], ctrl: true, action: 'next-conversation', label: 'Ctrl+J', description: 'Next conversation' },
  { mode: 'normal', keys: ['k', 'K'], ctrl: true, action: 'previous-conversation', label: 'Ctrl+K', description: 'Previous conversation' },
  { mode: 'normal', keys: ['v'], action: 'visual', label: 'v', description: 'Select the newest message (visual mode)' },
  { mode: 'normal', keys: ['?'], action: 'help', label: '?', description: 'Show this list' },
  { mode: 'normal', keys: ['Escape'], action: 'escape', label: 'Esc', description: 'Leave a text field, close menus' },
  { mode: 'visual', keys: ['j'], action: 'select-newer', label: 'j', description: 'Select the next (newer) message' },
  { mode: 'visual', keys: ['k'], action: 'select-older', label: 'k', description: 'Select the previous (older) message' },
  { mode: 'visual', keys: ['c'], action: 'edit', label: 'c', description: 'Edit (your own messages)' },
  { mode: 'visual', keys: ['d'], action: 'delete', label: 'd', description: 'Delete (asks first)' },
  { mode: 'visual', keys: ['o'], action: 'reply', label: 'o', description: 'Reply' },
  { mode: 'visual', keys: ['y'], action: 'copy', label: 'y', description: 'Copy the text' },
  { mode: 'visual', keys: ['e'], action: 'react', label: 'e', description: 'Add a reaction' },
  { mode: 'visual', keys: ['p'], action: 'pin', label: 'p', description: 'Pin or unpin' },
  { mode: 'visual', keys: ['?'], action: 'help', label: '?', description: 'Show this list' },
  { mode: 'visual', keys: ['Escape', 'v'], action: 'exit-visual', label: 'Esc', description: 'Back to normal mode' },
];

/** The parts of a key press (and of where it happened) that decide what it does. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Focus is somewhere typing goes: an input, a text area, a select or an editable element. */
  inTextField: boolean;
  /** That field is a composer, which opens focused: Ctrl+J / Ctrl+K work from it too, to go through conversations. */
  inComposer: boolean;
  /** A modal dialog is open: it owns the keyboard. */
  inDialog: boolean;
}

/**
 * What a key press means in a mode, or null to leave it to the page and the browser. Typing always wins (the
 * exceptions are Esc, which leaves a text field, and Ctrl+J / Ctrl+K in a composer, which types nothing); with a
 * dialog open nothing fires; and a press with Alt, or with Ctrl/⌘ on a key the table does not give Ctrl, is never
 * taken, so browser and system shortcuts keep working.
 */
export function actionFor(mode: Mode, press: KeyPress): Action | null {
  if (press.inDialog || press.altKey) return null;
  const ctrl = press.ctrlKey || press.metaKey;
  if (press.inTextField) {
    if (press.key === 'Escape' && !ctrl) return 'escape';
    if (press.inComposer && ctrl && /^[jk]$/i.test(press.key)) return actionFor('normal', { ...press, inTextField: false, inComposer: false });
    return null;
  }
  const match = SHORTCUTS.find((shortcut) => shortcut.mode === mode && shortcut.keys.includes(press.key) && (shortcut.ctrl ?? false) === ctrl);
  return match?.action ?? null;
}

/** The mode after an action: visual mode ends with Esc and with the actions that hand over to something else. */
export function modeAfter(mode: Mode, action: Action): Mode {
  if (action === 'visual') return 'visual';
  if (mode === 'visual' && (action === 'exit-visual' || action === 'edit' || action === 'delete' || action === 'reply' || action === 'react')) return 'normal';
  return mode;
}
