import { SEARCH_TIERS, type MessageSearch, type SearchTerm } from '../../modules/search/search.store.js';

/**
 * Turns a search into FTS5 MATCH expressions over the two indexes of migration 003: `text` (trigram: any 3+
 * character substring) and `words` (unicode61: whole words, with positions for phrases). User text only ever
 * reaches MATCH as an FTS5 string (see `ftsString`), so `"`, `*`, `NEAR(`, `OR`, `^`, `:` are just characters.
 */

/** What one index must match for a row (`pos`), and what it must not (`neg`, any of them excludes). */
export interface IndexCondition {
  pos: string | null;
  neg: string[];
}

export interface TierPlan {
  tier: number;
  text: IndexCondition;
  words: IndexCondition;
  /**
   * Which index to walk, newest first, checking the other per row; 'messages': no text to look for. The store
   * may walk the messages instead when the filters leave few (the conditions above are complete either way).
   */
  drive: 'text' | 'words' | 'messages';
  /**
   * A word-index condition every row of this tier also meets (implied by its text condition), or null. When it has
   * few matches, walking it and checking the text per row beats walking the text index (see `narrowPhrase`).
   */
  wordsHint: string | null;
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what is being removed
const NUL = /\u0000/g;

/** An FTS5 string literal: quoted, inner quotes doubled. NUL would end the query early, so it becomes a space. */
export function ftsString(text: string): string {
  return `"${text.replace(NUL, ' ').replaceAll('"', '""')}"`;
}

const LINK = '("http://" OR "https://" OR "www.")';
const codePoints = (text: string) => [...text].length;
/** 3+ characters: the trigram index finds it anywhere. Shorter: whole words only. */
const isLong = (term: SearchTerm) => codePoints(term.text) >= 3;
/** Has something the word tokenizer keeps (letters or digits). */
const hasWords = (term: SearchTerm) => /[\p{L}\p{N}]/u.test(term.text);

const all = (parts: string[]): string | null => (parts.length === 0 ? null : parts.length === 1 ? (parts[0] as string) : parts.map((p) => `(${p})`).join(' AND '));
const any = (parts: string[]): string | null => (parts.length === 0 ? null : parts.map((p) => `(${p})`).join(' OR '));
const minus = (pos: string, neg: string | null) => (neg === null ? pos : `(${pos}) NOT (${neg})`);

/**
 * The rank tiers a search walks, best first (see SEARCH_TIERS). Each tier leaves out what an earlier one
 * already listed, so a message appears once, in its best tier. `similar` maps a term to the indexed words one
 * typo away from it.
 */
export function planTiers(search: Pick<MessageSearch, 'terms' | 'excluded' | 'hasLink'>, similar: ReadonlyMap<string, readonly string[]>): TierPlan[] {
  const { terms, excluded } = search;
  const linkPart = search.hasLink ? [LINK] : [];
  const exclude = {
    text: excluded.filter(isLong).map((t) => ftsString(t.text)),
    words: excluded.filter((t) => !isLong(t) && hasWords(t)).map((t) => ftsString(t.text)),
  };
  const tier = (number: number, drive: TierPlan['drive'], text: string[], words: string | null, notWords: string[] = []): TierPlan => ({
    tier: number,
    drive,
    text: { pos: all(text), neg: exclude.text },
    words: { pos: words, neg: [...exclude.words, ...notWords] },
    wordsHint: null,
  });

  if (terms.length === 0) return [tier(SEARCH_TIERS.exact, search.hasLink ? 'text' : 'messages', linkPart, null)];
  // A term without letters or digits shorter than 3 characters can match nothing.
  if (terms.some((t) => !isLong(t) && !hasWords(t))) return [];

  const plans: TierPlan[] = [];
  const wholeWords = terms.every(hasWords) ? all(terms.map((t) => ftsString(t.text))) : null;
  // The words as typed, in order: one word-level phrase over all terms.
  const asTyped = terms.length >= 2 && wholeWords !== null ? ftsString(terms.map((t) => t.text).join(' ')) : null;
  // The whole-word tiers walk the word index, unless the text index has work of its own (a link, a 3+ character
  // exclusion): then they walk the text index, which does that work inside FTS5, narrowed by the terms' text (a
  // whole-word match implies it) — rather than checking every whole-word match against it one by one.
  const plainText = terms.filter((t) => isLong(t) && !t.phrase).map((t) => ftsString(t.text));
  const textWork = search.hasLink || exclude.text.length > 0;
  const wordTiersText = textWork ? [...plainText, ...linkPart] : [];
  const wordTiersDrive = wordTiersText.length > 0 ? 'text' : 'words';
  if (asTyped !== null) plans.push(tier(SEARCH_TIERS.exact, wordTiersDrive, wordTiersText, asTyped));
  if (wholeWords !== null) plans.push(tier(SEARCH_TIERS.words, wordTiersDrive, wordTiersText, asTyped === null ? wholeWords : minus(wholeWords, asTyped)));

  const long = terms.filter(isLong);
  const shortWords = all(terms.filter((t) => !isLong(t)).map((t) => ftsString(t.text)));
  if (long.length === 0) return plans;
  const partial = [...long.map((t) => ftsString(t.text)), ...linkPart];
  const inside = tier(SEARCH_TIERS.partial, 'text', partial, shortWords, wholeWords === null ? [] : [wholeWords]);
  inside.wordsHint = all(long.map((t) => (t.phrase ? narrowPhrase(t.text) : null)).filter((h): h is string => h !== null));
  plans.push(inside);

  if (long.some((t) => (similar.get(t.text) ?? []).length > 0)) {
    const widened = long.map((t) => {
      const words = similar.get(t.text) ?? [];
      return words.length === 0 ? ftsString(t.text) : (any([t.text, ...words].map(ftsString)) as string);
    });
    const typo = tier(SEARCH_TIERS.similar, 'text', [...widened, ...linkPart], shortWords);
    typo.text.pos = minus(typo.text.pos as string, all(partial));
    plans.push(typo);
  }
  return plans;
}

/**
 * A word-index condition implied by a phrase found anywhere (inside words too), or null. Split at spaces, a
 * phrase's parts after the first are preceded by a space wherever it occurs, so their words are whole words there,
 * in that order, except that the last one may go on ("to deploy tod" occurs in "went to deploy today"): the
 * word-level phrase of those parts with its last word as a prefix. The first part may be the end of a longer word,
 * so it is left out. Null when there is no second part, or its last word is too short a prefix to narrow anything
 * (every word starting with one or two letters).
 */
export function narrowPhrase(text: string): string | null {
  const tail = text.split(' ').slice(1).join(' ');
  const lastWord = /[\p{L}\p{N}]+$/u.exec(tail)?.[0] ?? '';
  if (!/[\p{L}\p{N}]/u.test(tail) || (lastWord !== '' && codePoints(lastWord) < 3)) return null;
  return `${ftsString(tail)} *`;
}

/** Rows of an index that a condition asks for (`pos` without `neg`), or, with no `pos`, rows it rules out. */
export function matchExpression(condition: IndexCondition): { match: string; wanted: boolean } | null {
  const neg = any(condition.neg);
  if (condition.pos !== null) return { match: minus(condition.pos, neg), wanted: true };
  return neg === null ? null : { match: neg, wanted: false };
}
