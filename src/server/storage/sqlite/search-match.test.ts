import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SearchTerm } from '../../modules/search/search.store.js';
import { ftsString, matchExpression, narrowPhrase, planTiers, type TierPlan } from './search-match.js';

const term = (text: string, phrase = false): SearchTerm => ({ text, phrase });
const plan = (terms: SearchTerm[], extra: { excluded?: SearchTerm[]; hasLink?: boolean; similar?: [string, string[]][] } = {}) =>
  planTiers({ terms, excluded: extra.excluded ?? [], hasLink: extra.hasLink ?? false }, new Map(extra.similar ?? []));
const summary = (tiers: TierPlan[]) =>
  tiers.map((t) => ({ tier: t.tier, drive: t.drive, text: matchExpression(t.text), words: matchExpression(t.words) }));

describe('ftsString', () => {
  it('quotes, doubling inner quotes; NUL becomes a space', () => {
    expect(ftsString('say "hi"')).toBe('"say ""hi"""');
    expect(ftsString('a\u0000b')).toBe('"a b"');
  });
});

describe('narrowPhrase', () => {
  it('asks the word index for the words after the first space, the last one as a prefix', () => {
    expect(narrowPhrase('to deploy tod')).toBe('"deploy tod" *');
    expect(narrowPhrase('say "hi" now')).toBe('"""hi"" now" *');
    expect(narrowPhrase('deploy, or not!')).toBe('"or not!" *');
  });

  it('gives nothing to narrow by for one word, no letters after the first space, or a last word under 3 characters', () => {
    expect(narrowPhrase('deploy')).toBeNull();
    expect(narrowPhrase('deploy ?!')).toBeNull();
    expect(narrowPhrase('went to de')).toBeNull();
  });

  it('is a condition of the tier that finds a phrase inside words', () => {
    const inside = plan([term('to deploy tod', true)]).find((t) => t.tier === 2);
    expect(inside?.drive).toBe('text');
    expect(inside?.wordsHint).toBe('"deploy tod" *');
  });
});

describe('planTiers', () => {
  it('walks the words as typed, whole words, parts of words, then typo corrections, each leaving out the ones before', () => {
    expect(summary(plan([term('release'), term('notes')], { similar: [['release', ['relase']]] }))).toEqual([
      { tier: 0, drive: 'words', text: null, words: { match: '"release notes"', wanted: true } },
      { tier: 1, drive: 'words', text: null, words: { match: '(("release") AND ("notes")) NOT ("release notes")', wanted: true } },
      {
        tier: 2,
        drive: 'text',
        text: { match: '("release") AND ("notes")', wanted: true },
        words: { match: '(("release") AND ("notes"))', wanted: false },
      },
      {
        tier: 3,
        drive: 'text',
        text: { match: '((("release") OR ("relase")) AND ("notes")) NOT (("release") AND ("notes"))', wanted: true },
        words: null,
      },
    ]);
  });

  it('matches terms under 3 characters as whole words only', () => {
    expect(summary(plan([term('ci')]))).toEqual([{ tier: 1, drive: 'words', text: null, words: { match: '"ci"', wanted: true } }]);
    expect(summary(plan([term('ci'), term('green')])).map((t) => [t.tier, t.words?.match])).toEqual([
      [0, '"ci green"'],
      [1, '(("ci") AND ("green")) NOT ("ci green")'],
      [2, '("ci") NOT ((("ci") AND ("green")))'],
    ]);
  });

  it('walks the text index for whole words when it has exclusions or links to apply', () => {
    expect(summary(plan([term('deploy')], { excluded: [term('prod'), term('qa')] }))).toEqual([
      { tier: 1, drive: 'text', text: { match: '("deploy") NOT (("prod"))', wanted: true }, words: { match: '("deploy") NOT (("qa"))', wanted: true } },
      { tier: 2, drive: 'text', text: { match: '("deploy") NOT (("prod"))', wanted: true }, words: { match: '("qa") OR ("deploy")', wanted: false } },
    ]);
    expect(summary(plan([], { hasLink: true }))).toEqual([
      { tier: 0, drive: 'text', text: { match: '("http://" OR "https://" OR "www.")', wanted: true }, words: null },
    ]);
    expect(summary(plan([]))).toEqual([{ tier: 0, drive: 'messages', text: null, words: null }]);
  });

  it('plans nothing for a short term without letters or digits', () => {
    expect(plan([term('deploy'), term('?!')])).toEqual([]);
  });

  it('only ever produces valid FTS5 queries, whatever the terms', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'trigram remove_diacritics 2');
             CREATE VIRTUAL TABLE w USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
             INSERT INTO t VALUES ('say "hi" NEAR(x) OR y * ^z'); INSERT INTO w VALUES ('say "hi" NEAR(x) OR y * ^z');`);
    const hostile = ['"', '""', '*', 'NEAR(', 'NEAR(a b, 2)', 'OR', 'AND', 'NOT', '^x', 'col:x', '(', ')', '{a b}', '\u0000', 'a\u0000"', '😀', 'e\u0301', '\uFFFD', 'x'.repeat(300), '-', '+', ':'];
    for (const text of hostile) {
      for (const tiers of [
        plan([term(text)]),
        plan([term(text, true), term('say')]),
        plan([term('say'), term(text)], { excluded: [term(text), term('qq')], hasLink: true }),
        plan([term('hello')], { similar: [['hello', [text]]] }),
      ]) {
        for (const tier of tiers) {
          for (const [table, condition] of [['t', tier.text], ['w', tier.words]] as const) {
            const expression = matchExpression(condition);
            if (expression) expect(() => db.prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).get(expression.match), `${JSON.stringify(text)}: ${expression.match}`).not.toThrow();
          }
        }
      }
    }
    db.close();
  });
});
