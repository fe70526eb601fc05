import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error.js';
import { parseDay, parseSearchQuery, type ParsedQuery } from './search-query.js';

const day = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

function refusal(query: string): string {
  try {
    parseSearchQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_SEARCH');
    return (error as AppError).message;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be refused`);
}

const terms = (parsed: ParsedQuery) => parsed.terms.map((t) => (t.phrase ? `"${t.text}"` : t.text));

describe('parseSearchQuery', () => {
  it('reads words, phrases and exclusions', () => {
    const parsed = parseSearchQuery('  deploy "staging  server"  -flaky -"known issue" ');
    expect(parsed.terms).toEqual([
      { text: 'deploy', phrase: false },
      { text: 'staging server', phrase: true },
    ]);
    expect(parsed.excluded).toEqual([
      { text: 'flaky', phrase: false },
      { text: 'known issue', phrase: true },
    ]);
  });

  it('reads every operator', () => {
    const parsed = parseSearchQuery('from:@alice from:Bob in:#general in:@carol in:ops has:link is:pinned has:file');
    expect(parsed.from).toEqual(['alice', 'Bob']);
    expect(parsed.in).toEqual([
      { kind: 'channel', name: 'general' },
      { kind: 'dm', username: 'carol' },
      { kind: 'channel', name: 'ops' },
    ]);
    expect(parsed).toMatchObject({ hasLink: true, hasFile: true, isPinned: true, terms: [] });
  });

  it('takes operator names in any case and quoted values', () => {
    const parsed = parseSearchQuery('FROM:@alice In:"release team" HAS:Link');
    expect(parsed.from).toEqual(['alice']);
    expect(parsed.in).toEqual([{ kind: 'channel', name: 'release team' }]);
    expect(parsed.hasLink).toBe(true);
  });

  it('narrows dates: before: excludes its day, after: starts the day after, on: is one day', () => {
    expect(parseSearchQuery('x1 before:2026-11-01').days).toEqual({ from: null, until: day('2026-11-01') });
    expect(parseSearchQuery('x1 after:2026-10-01').days).toEqual({ from: day('2026-10-02'), until: null });
    expect(parseSearchQuery('x1 on:2026-11-05').days).toEqual({ from: day('2026-11-05'), until: day('2026-11-06') });
    expect(parseSearchQuery('x1 after:2026-10-01 after:2026-10-10 before:2026-12-01 before:2026-11-01').days).toEqual({
      from: day('2026-10-11'),
      until: day('2026-11-01'),
    });
  });

  it('accepts single-digit months and days, and leap days that exist', () => {
    expect(parseDay('2026-1-5')).toBe(day('2026-01-05'));
    expect(parseDay('2028-02-29')).toBe(day('2028-02-29'));
  });

  it.each(['2026-13-01', '2026-02-30', '2027-02-29', 'yesterday', '05/11/2026', '2026-11', '20261105', '２０２６-11-05'])(
    'refuses the date %s with a hint',
    (value) => {
      expect(refusal(`x1 before:${value}`)).toMatch(/Dates look like 2026-11-05\./);
    },
  );

  it('treats unknown operators and words with colons as text', () => {
    expect(terms(parseSearchQuery('foo:bar https://ci.team.example/job/1 12:30 tag:"a b"'))).toEqual([
      'foo:bar',
      'https://ci.team.example/job/1',
      '12:30',
      'tag:"a b"',
    ]);
  });

  it('keeps FTS syntax as plain text', () => {
    expect(terms(parseSearchQuery('NEAR(a b) OR AND NOT * ^start col:x say"hi"'))).toEqual([
      'NEAR(a',
      'b)',
      'OR',
      'AND',
      'NOT',
      '^start',
      'col:x',
      'say"hi"',
    ]);
  });

  it('runs an unbalanced quote to the end as a phrase', () => {
    expect(parseSearchQuery('deploy "staging server').terms).toEqual([
      { text: 'deploy', phrase: false },
      { text: 'staging server', phrase: true },
    ]);
  });

  it('drops terms that can match nothing and keeps short words', () => {
    expect(terms(parseSearchQuery('-- ci ! ?? qa !!! a'))).toEqual(['ci', 'qa', '!!!', 'a']);
  });

  it('turns control characters into spaces and lone surrogates into U+FFFD', () => {
    expect(terms(parseSearchQuery('dep\u0000loy\u0007x ab\uD800cd'))).toEqual(['dep', 'loy', 'x', 'ab\uFFFDcd']);
  });

  it('allows a query made only of filters', () => {
    expect(parseSearchQuery('from:@alice')).toMatchObject({ terms: [], from: ['alice'] });
    expect(parseSearchQuery('in:#general -noise')).toMatchObject({ terms: [], excluded: [{ text: 'noise' }] });
  });

  it.each([
    ['', /at least 2 characters/],
    ['   ', /at least 2 characters/],
    ['a', /at least 2 characters/],
    ['a b', /at least 2 characters/],
    ['"', /at least 2 characters/],
    ['-deploy', /only leaves messages out/],
    ['from:', /from:@alice/],
    ['from:@', /from:@alice/],
    ['in:#', /in:#general/],
    ['before:', /before:2026-11-05/],
    ['on:""', /on:2026-11-05/],
    ['has:image', /has: takes "file" or "link"/],
    ['is:starred', /is: takes "pinned"/],
    ['-from:@alice deploy', /Operators cannot be excluded/],
  ])('refuses %j clearly', (query, message) => {
    expect(refusal(query)).toMatch(message);
  });

  it('refuses over-long queries and too many words, counting characters rather than UTF-16 units', () => {
    expect(refusal('a'.repeat(1001))).toMatch(/at most 1,000 characters; this one has 1,001/);
    expect(refusal('x '.repeat(10_000))).toMatch(/at most 1,000 characters/);
    expect(parseSearchQuery('😀'.repeat(1000)).terms).toHaveLength(1);
    expect(refusal(Array.from({ length: 33 }, (_, i) => `w${i}`).join(' '))).toMatch(/at most 32 words/);
  });
});
