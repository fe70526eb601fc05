import { describe, expect, it } from 'vitest';
import type { Snippet } from '../../../shared/protocol/search.js';
import { buildSnippet, findMatches, SNIPPET_LENGTH } from './snippet.js';

const marked = ({ text, highlights }: Snippet) => {
  let out = '';
  let at = 0;
  for (const { start, end } of highlights) {
    out += `${text.slice(at, start)}[${text.slice(start, end)}]`;
    at = end;
  }
  return out + text.slice(at);
};
const word = (text: string) => ({ text, wholeWord: false });

describe('findMatches', () => {
  it('finds every occurrence, ignoring case and accents, inside words too', () => {
    expect(marked(buildSnippet('We REDEPLOYED the Café; deploy again at the cafe', [word('deploy'), word('CAFÉ')]))).toBe(
      'We RE[DEPLOY]ED the [Café]; [deploy] again at the [cafe]',
    );
  });

  it('matches short terms only as whole words', () => {
    expect(marked(buildSnippet('ci is green; circle back to CI', [{ text: 'ci', wholeWord: true }]))).toBe('[ci] is green; circle back to [CI]');
  });

  it('merges overlapping matches', () => {
    expect(findMatches('deployment', [word('deploy'), word('ployment')])).toEqual([{ start: 0, end: 10 }]);
  });

  it('keeps offsets exact around decomposed accents, astral characters and expanding case folds', () => {
    const text = 'e\u0301te\u0301 😀 İstanbul deploy';
    const ranges = findMatches(text, [word('ete'), word('istanbul'), word('deploy')]);
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['e\u0301te\u0301', 'İstanbul', 'deploy']);
  });

  it('matches phrases across collapsed whitespace', () => {
    expect(marked(buildSnippet('deploy\n\n  the   service', [word('deploy the service')]))).toBe('[deploy the service]');
  });
});

describe('buildSnippet', () => {
  it('returns short messages whole, whitespace collapsed', () => {
    expect(buildSnippet('  hello\n\tworld  ', [word('world')])).toEqual({ text: 'hello world', highlights: [{ start: 6, end: 11 }] });
  });

  it('cuts long messages around the first match, between words, marking the cuts', () => {
    const text = `${'lorem ipsum '.repeat(40)}the deploy failed ${'dolor sit '.repeat(40)}`;
    const snippet = buildSnippet(text, [word('deploy')]);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
    expect(snippet.text).toMatch(/^…\S/);
    expect(snippet.highlights).toHaveLength(1);
    const [range] = snippet.highlights;
    expect(snippet.text.slice(range?.start, range?.end)).toBe('deploy');
  });

  it('starts at the beginning when the match is near it', () => {
    const snippet = buildSnippet(`deploy ${'x'.repeat(500)}`, [word('deploy')]);
    expect(snippet.text.startsWith('deploy')).toBe(true);
    expect(snippet.highlights[0]).toEqual({ start: 0, end: 6 });
  });

  it('never splits a surrogate pair at a cut', () => {
    for (let pad = 0; pad < 4; pad++) {
      const snippet = buildSnippet(`${'😀'.repeat(100 + pad)}deploy${'😀'.repeat(200)}`, [word('deploy')]);
      expect(snippet.text).not.toMatch(/^…[\uDC00-\uDFFF]|[\uD800-\uDBFF]…$/);
      expect(snippet.highlights.map((r) => snippet.text.slice(r.start, r.end))).toEqual(['deploy']);
    }
  });

  it('shows the start of the message when nothing is highlighted', () => {
    const snippet = buildSnippet('y'.repeat(400), [word('zzz')]);
    expect(snippet.text).toBe(`${'y'.repeat(SNIPPET_LENGTH)}…`);
    expect(snippet.highlights).toEqual([]);
  });
});
