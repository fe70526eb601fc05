import { describe, expect, test } from 'vitest';
import { applyMarker, markerForKey, type FieldState, type Marker } from './shortcuts.js';

/** Writes a field as text with `[` `]` around the selection, or `|` for a caret: 'say [hi] now', 'say |'. */
function field(written: string): FieldState {
  const caret = written.indexOf('|');
  if (caret >= 0) return { text: written.replace('|', ''), start: caret, end: caret };
  const start = written.indexOf('[');
  const end = written.indexOf(']') - 1;
  return { text: written.replace('[', '').replace(']', ''), start, end };
}

function written({ text, start, end }: FieldState): string {
  if (start === end) return `${text.slice(0, start)}|${text.slice(start)}`;
  return `${text.slice(0, start)}[${text.slice(start, end)}]${text.slice(end)}`;
}

const apply = (state: string, marker: Marker) => written(applyMarker(field(state), marker));

describe('applyMarker on a selection', () => {
  test.each<[Marker, string]>([
    ['**', 'say **[hello]** now'],
    ['*', 'say *[hello]* now'],
    ['__', 'say __[hello]__ now'],
    ['~~', 'say ~~[hello]~~ now'],
  ])('%s wraps the selected word and keeps it selected', (marker, expected) => {
    expect(apply('say [hello] now', marker)).toBe(expected);
  });

  test('the same shortcut again unwraps it', () => {
    expect(apply('say **[hello]** now', '**')).toBe('say [hello] now');
    expect(apply('say [**hello**] now', '**')).toBe('say [hello] now');
    expect(apply('~~[gone]~~', '~~')).toBe('[gone]');
  });

  test('spaces at the edges of the selection stay outside the markers', () => {
    expect(apply('say [hello ]now', '**')).toBe('say **[hello]** now');
    expect(apply('[  two words ]', '*')).toBe('  *[two words]* ');
  });

  test('italic inside bold adds a star rather than removing one of bold’s', () => {
    expect(apply('**[hello]**', '*')).toBe('***[hello]***');
    expect(apply('***[hello]***', '*')).toBe('**[hello]**');
    expect(apply('[**hello**]', '*')).toBe('*[**hello**]*');
    expect(apply('*[hello]*', '**')).toBe('***[hello]***');
  });

  test('inline code wraps and unwraps like the others', () => {
    expect(apply('run [npm test] now', '`')).toBe('run `[npm test]` now');
    expect(apply('run `[npm test]` now', '`')).toBe('run [npm test] now');
  });

  test('a selection of only spaces is left alone', () => {
    expect(apply('a[   ]b', '**')).toBe('a[   ]b');
  });

  test('several lines are wrapped as one selection', () => {
    expect(apply('[one\ntwo]', '~~')).toBe('~~[one\ntwo]~~');
  });
});

describe('applyMarker at a caret', () => {
  test('inserts a pair and puts the caret between', () => {
    expect(apply('say |', '**')).toBe('say **|**');
    expect(apply('|', '~~')).toBe('~~|~~');
    expect(apply('a|b', '__')).toBe('a__|__b');
  });

  test('typing continues inside; the same shortcut before the closing marker steps out', () => {
    let state = applyMarker(field('say |'), '**');
    state = { text: `${state.text.slice(0, state.start)}bold${state.text.slice(state.start)}`, start: state.start + 4, end: state.start + 4 };
    expect(written(state)).toBe('say **bold|**');
    expect(written(applyMarker(state, '**'))).toBe('say **bold**|');
  });

  test('italic in an empty bold pair nests instead of stepping over a star', () => {
    expect(apply('**|**', '*')).toBe('***|***');
    expect(apply('***x|***', '*')).toBe('***x*|**');
    expect(apply('***x*|**', '**')).toBe('***x***|');
    expect(apply('*x|*', '*')).toBe('*x*|');
  });
});

describe('markerForKey', () => {
  const key = (key: string, more: Partial<KeyboardEvent> = {}) =>
    markerForKey({ key, code: `Key${key.toUpperCase()}`, ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, ...more });

  test('Ctrl or Cmd with B, I, U; Ctrl+Shift+X', () => {
    expect(key('b')).toBe('**');
    expect(key('i')).toBe('*');
    expect(key('u')).toBe('__');
    expect(key('X', { shiftKey: true })).toBe('~~');
    expect(key('b', { ctrlKey: false, metaKey: true })).toBe('**');
  });

  test('other keys and combinations are not shortcuts', () => {
    expect(key('b', { ctrlKey: false })).toBeNull();
    expect(key('x')).toBeNull();
    expect(key('s')).toBeNull();
    expect(key('B', { shiftKey: true })).toBeNull();
    expect(key('b', { altKey: true })).toBeNull();
  });

  test('a non-Latin layout uses the physical key', () => {
    expect(markerForKey({ key: 'и', code: 'KeyB', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })).toBe('**');
  });
});
