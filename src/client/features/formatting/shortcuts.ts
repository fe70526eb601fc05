// Formatting shortcuts in the composer: Ctrl+B bold, Ctrl+I italic, Ctrl+U underline, Ctrl+Shift+X strike (Ctrl+S
// belongs to the browser), Cmd on a Mac. With a selection they wrap it (or unwrap it when it is already wrapped);
// without one they insert a pair of markers with the caret between, and the same shortcut just before the closing
// marker steps over it, so formatting toggles on and off while typing.

export type Marker = '**' | '*' | '__' | '~~' | '`';

/** A text field's text and selection (start ≤ end). */
export interface FieldState {
  text: string;
  start: number;
  end: number;
}

/** The marker a key press asks for, or null when it is not a formatting shortcut. */
export function markerForKey(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): Marker | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  // The key's letter where the layout has one, else the physical key (Cyrillic or Greek layouts).
  const letter = /^[a-z]$/i.test(event.key) ? event.key.toLowerCase() : /^Key([A-Z])$/.exec(event.code)?.[1]?.toLowerCase();
  if (event.shiftKey) return letter === 'x' ? '~~' : null;
  if (letter === 'b') return '**';
  if (letter === 'i') return '*';
  if (letter === 'u') return '__';
  return null;
}

/** `marker` sits right after `before` and right before `after`, as a pair of its own (not half of `**`). */
function wrappedBy(before: string, after: string, marker: Marker): boolean {
  if (!before.endsWith(marker) || !after.startsWith(marker)) return false;
  if (marker !== '*') return true;
  // `**x**` is bold, not italic inside stars; `***x***` is both.
  return !(before.endsWith('**') && after.startsWith('**')) || (before.endsWith('***') && after.startsWith('***'));
}

/** The selection itself starts and ends with `marker` as a pair of its own. */
function wrapsItself(inner: string, marker: Marker): boolean {
  if (!inner.startsWith(marker) || !inner.endsWith(marker)) return false;
  if (marker !== '*') return true;
  return !(inner.startsWith('**') && inner.endsWith('**')) || (inner.startsWith('***') && inner.endsWith('***'));
}

/** A closing `marker` right after the caret (for `*`: not the start of bold's `**`, unless it is `***`). */
function closesAt(after: string, marker: Marker): boolean {
  if (!after.startsWith(marker)) return false;
  return marker !== '*' || !after.startsWith('**') || after.startsWith('***');
}

/** The field after applying `marker`; the selection stays on the same words. */
export function applyMarker({ text, start, end }: FieldState, marker: Marker): FieldState {
  const size = marker.length;
  if (start === end) {
    const after = text.slice(end);
    if (closesAt(after, marker)) return { text, start: start + size, end: end + size };
    const next = text.slice(0, start) + marker + marker + after;
    return { text: next, start: start + size, end: start + size };
  }

  // Spaces at the edges of a selection (a double-clicked word often brings one) stay outside: `**word** `, since
  // `**word **` would not be bold.
  const selected = text.slice(start, end);
  const inner = selected.trim();
  if (inner === '') return { text, start, end };
  const from = start + selected.indexOf(inner);
  const to = from + inner.length;
  const before = text.slice(0, from);
  const after = text.slice(to);

  if (wrappedBy(before, after, marker)) {
    return { text: before.slice(0, -size) + inner + after.slice(size), start: from - size, end: to - size };
  }
  if (inner.length > 2 * size && wrapsItself(inner, marker)) {
    const unwrapped = inner.slice(size, -size);
    return { text: before + unwrapped + after, start: from, end: from + unwrapped.length };
  }
  return { text: before + marker + inner + marker + after, start: from + size, end: to + size };
}

/** Handles a formatting shortcut typed in `field`; true when it did (the caller then ignores the key). */
export function handleFormattingKey(event: KeyboardEvent, field: HTMLTextAreaElement, setText: (text: string) => void): boolean {
  const marker = markerForKey(event);
  if (!marker || event.isComposing) return false;
  formatField(field, marker, setText);
  return true;
}

/** Applies `marker` to a text field's selection (or caret), as a shortcut or a toolbar button does. */
export function formatField(field: HTMLTextAreaElement, marker: Marker, setText: (text: string) => void): void {
  const next = applyMarker({ text: field.value, start: field.selectionStart, end: field.selectionEnd }, marker);
  if (next.text !== field.value) {
    setText(next.text);
    field.value = next.text;
  }
  field.focus();
  field.setSelectionRange(next.start, next.end);
}
