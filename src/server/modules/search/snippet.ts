import type { HighlightRange, Snippet } from '../../../shared/protocol/search.js';
import { folded, foldText } from './fold-text.js';

/** Something to highlight: a term, phrase or typo-corrected word; short terms only count as whole words. */
export interface Needle {
  text: string;
  wholeWord: boolean;
}

/** About two lines of a result list. */
export const SNIPPET_LENGTH = 240;
/** How much text to keep before the first match, so it reads in context. */
const LEAD = 60;
/** How far to move a cut to land between words instead of inside one. */
const SNAP = 16;

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}\p{M}]/u.test(char);
const isMark = (char: string | undefined) => char !== undefined && /\p{M}/u.test(char);
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** The whole character ending just before `at` / starting at `at` (surrogate pairs kept together). */
function charBefore(text: string, at: number): string | undefined {
  if (at <= 0) return undefined;
  return at >= 2 && isLowSurrogate(text.charCodeAt(at - 1)) ? text.slice(at - 2, at) : text.charAt(at - 1);
}
function charAt(text: string, at: number): string | undefined {
  const code = text.codePointAt(at);
  return code === undefined ? undefined : String.fromCodePoint(code);
}

/** Where the needles occur in `text` (case and accents ignored), as sorted, merged ranges of the original text. */
export function findMatches(text: string, needles: readonly Needle[]): HighlightRange[] {
  const view = folded(text);
  const found: HighlightRange[] = [];
  for (const needle of needles) {
    const target = foldText(needle.text.replace(/\s+/g, ' ').trim());
    if (target === '') continue;
    for (let i = view.text.indexOf(target); i !== -1; i = view.text.indexOf(target, i + 1)) {
      const after = i + target.length;
      if (needle.wholeWord && (isWordChar(charBefore(view.text, i)) || isWordChar(charAt(view.text, after)))) continue;
      let end = view.ends[after - 1] as number;
      while (isMark(text.charAt(end))) end++;
      found.push({ start: view.starts[i] as number, end });
    }
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: HighlightRange[] = [];
  for (const range of found) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** Plain text around the first match, with the matching parts as ranges: never markup. */
export function buildSnippet(text: string, needles: readonly Needle[]): Snippet {
  const plain = text.replace(/\s+/g, ' ').trim();
  const ranges = findMatches(plain, needles);
  if (plain.length <= SNIPPET_LENGTH) return { text: plain, highlights: ranges };

  let start = Math.max(0, (ranges[0]?.start ?? 0) - LEAD);
  if (start > 0) {
    const space = plain.indexOf(' ', start);
    if (space !== -1 && space - start < SNAP && space < (ranges[0]?.start ?? Infinity)) start = space + 1;
    while (isLowSurrogate(plain.charCodeAt(start)) || isMark(plain.charAt(start)) || plain.charAt(start) === ' ') start++;
  }
  let end = Math.min(plain.length, start + SNIPPET_LENGTH);
  if (end < plain.length) {
    const space = plain.lastIndexOf(' ', end);
    if (space > start && end - space < SNAP) end = space;
    while (isLowSurrogate(plain.charCodeAt(end)) || isMark(plain.charAt(end))) end--;
  }

  const body = plain.slice(start, end).trimEnd();
  end = start + body.length;
  const before = start > 0 ? '…' : '';
  const after = end < plain.length ? '…' : '';
  const shift = before.length - start;
  const highlights = ranges
    .filter((r) => r.end > start && r.start < end)
    .map((r) => ({ start: Math.max(r.start, start) + shift, end: Math.min(r.end, end) + shift }));
  return { text: `${before}${body}${after}`, highlights };
}
