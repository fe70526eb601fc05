// A search snippet cut into plain and matching parts, for the results to wrap the matches in <mark> as text nodes.
// The server's ranges are UTF-16 offsets into `snippet.text` (docs/api.md, "Search"); this code still trusts them
// only as far as the text goes, so a bad range can at worst mark the wrong letters, never break the page.
import type { HighlightRange, Snippet } from '../../../shared/protocol/search.js';

export interface SnippetPart {
  text: string;
  match: boolean;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when `at` falls between the two halves of an astral character (an emoji, a rare CJK letter). */
function splitsPair(text: string, at: number): boolean {
  return at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));
}

/**
 * Plain and matching parts, in order, that join back to the whole text. Ranges are clamped to the text, widened
 * rather than cutting an astral character in half, and merged where they touch or overlap.
 */
export function splitSnippet({ text, highlights }: Snippet): SnippetPart[] {
  const ranges = normalise(text, highlights);
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const { start, end } of ranges) {
    if (start > at) parts.push({ text: text.slice(at, start), match: false });
    parts.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), match: false });
  return parts;
}

function normalise(text: string, highlights: readonly HighlightRange[]): HighlightRange[] {
  const ranges = highlights
    .map(({ start, end }) => {
      let from = Math.max(0, Math.min(start, text.length));
      let to = Math.max(from, Math.min(end, text.length));
      if (splitsPair(text, from)) from--;
      if (splitsPair(text, to)) to++;
      return { start: from, end: to };
    })
    .filter(({ start, end }) => end > start)
    .sort((a, b) => a.start - b.start);
  const merged: HighlightRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}
