import { describe, expect, it } from 'vitest';
import { splitSnippet } from './highlight.js';

const marked = (text: string, highlights: { start: number; end: number }[]) =>
  splitSnippet({ text, highlights }).map((part) => (part.match ? `[${part.text}]` : part.text)).join('');

describe('snippet highlighting', () => {
  it('cuts the text into plain and matching parts that join back to the whole', () => {
    const parts = splitSnippet({ text: 'we redeployed the deploy bot', highlights: [{ start: 5, end: 11 }, { start: 18, end: 24 }] });
    expect(parts).toEqual([
      { text: 'we re', match: false },
      { text: 'deploy', match: true },
      { text: 'ed the ', match: false },
      { text: 'deploy', match: true },
      { text: ' bot', match: false },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe('we redeployed the deploy bot');
  });

  it('handles matches at the very start and end, and no matches at all', () => {
    expect(marked('deploy now', [{ start: 0, end: 6 }])).toBe('[deploy] now');
    expect(marked('now deploy', [{ start: 4, end: 10 }])).toBe('now [deploy]');
    expect(marked('nothing here', [])).toBe('nothing here');
    expect(splitSnippet({ text: '', highlights: [] })).toEqual([{ text: '', match: false }]);
  });

  it('counts offsets in UTF-16 units, so text after emoji and astral letters is marked exactly', () => {
    const text = '🚀 ship 𝒳 deploy 👍🏽 done';
    const start = text.indexOf('deploy');
    // 🚀 and 𝒳 are two UTF-16 units each: 11 units, though only 9 characters come before "deploy".
    expect(start).toBe(11);
    expect([...text.slice(0, start)]).toHaveLength(9);
    expect(marked(text, [{ start, end: start + 6 }])).toBe('🚀 ship 𝒳 [deploy] 👍🏽 done');
    const thumb = text.indexOf('👍🏽');
    expect(marked(text, [{ start: thumb, end: thumb + 4 }])).toBe('🚀 ship 𝒳 deploy [👍🏽] done');
  });

  it('never cuts an astral character in half: a range ending or starting inside one takes all of it', () => {
    const text = 'a🚀b';
    expect(marked(text, [{ start: 0, end: 2 }])).toBe('[a🚀]b');
    expect(marked(text, [{ start: 2, end: 4 }])).toBe('a[🚀b]');
    for (const part of splitSnippet({ text, highlights: [{ start: 2, end: 3 }] })) {
      expect(part.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
  });

  it('keeps bad ranges harmless: clamped to the text, empty ones dropped, overlapping ones merged', () => {
    expect(marked('deploy', [{ start: 3, end: 99 }])).toBe('dep[loy]');
    expect(marked('deploy', [{ start: 50, end: 60 }, { start: 4, end: 2 }])).toBe('deploy');
    expect(marked('abcdef', [{ start: 3, end: 5 }, { start: 0, end: 2 }, { start: 1, end: 4 }])).toBe('[abcde]f');
    expect(marked('abcdef', [{ start: 0, end: 2 }, { start: 2, end: 4 }])).toBe('[abcd]ef');
  });

  it('leaves markup in the text as text', () => {
    const text = '<img src=x onerror=alert(1)> deploy';
    expect(splitSnippet({ text, highlights: [{ start: 29, end: 35 }] })).toEqual([
      { text: '<img src=x onerror=alert(1)> ', match: false },
      { text: 'deploy', match: true },
    ]);
  });
});
