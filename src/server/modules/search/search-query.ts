import { SEARCH_MAX_TERMS, SEARCH_QUERY_MAX_LENGTH } from '../../../shared/protocol/search.js';
import { AppError } from '../../lib/app-error.js';
import type { SearchTerm } from './search.store.js';

/** A conversation named in `in:`: `in:#general` / `in:general` (a channel) or `in:@bob` (the DM with bob). */
export type ConversationRef = { kind: 'channel'; name: string } | { kind: 'dm'; username: string };

/** Calendar days, counted from 1970-01-01; `from` included, `until` excluded; null: open-ended. */
export interface DayRange {
  from: number | null;
  until: number | null;
}

export interface ParsedQuery {
  terms: SearchTerm[];
  excluded: SearchTerm[];
  /** Usernames as typed, without the `@`. */
  from: string[];
  in: ConversationRef[];
  days: DayRange;
  hasFile: boolean;
  hasLink: boolean;
  isPinned: boolean;
}

const DAY_MS = 86_400_000;
const DATE_HINT = 'Dates look like 2026-11-05.';
const OPERATORS = ['from', 'in', 'before', 'after', 'on', 'has', 'is'] as const;
type Operator = (typeof OPERATORS)[number];

const EXAMPLES: Record<Operator, string> = {
  from: 'from:@alice',
  in: 'in:#general or in:@bob',
  before: 'before:2026-11-05',
  after: 'after:2026-11-05',
  on: 'on:2026-11-05',
  has: 'has:link or has:file',
  is: 'is:pinned',
};

// An optional "-", an optional "word:", then a quoted part (an unbalanced quote runs to the end) or a run of
// non-spaces. A quote inside a word is just a character: only a leading one starts a phrase.
// Linear: the optional "word:" can only back off letter by letter once per token, and queries are at most 1,000
// characters by the time it runs.
// eslint-disable-next-line security/detect-unsafe-regex
const TOKEN = /(-)?(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))/y;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const refuse = (message: string): never => {
  throw new AppError('INVALID_SEARCH', message);
};

const isOperator = (name: string): name is Operator => (OPERATORS as readonly string[]).includes(name);
const length = (text: string) => [...text].length;

/**
 * A term the index can match: 3+ characters match anywhere; shorter ones only as whole words, which needs a
 * letter or digit (a lone "-" or "?!" could never match and is dropped).
 */
const isSearchable = (text: string) => length(text) >= 3 || /[\p{L}\p{N}]/u.test(text);

/** Lone surrogates become U+FFFD and control characters spaces, so nothing odd reaches the index. */
export function cleanQuery(raw: string): string {
  return raw.replace(LONE_SURROGATE, '\uFFFD').replace(/\p{Cc}/gu, ' ');
}

export function parseDay(value: string): number {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return refuse(value === '' ? `Give a date after the colon. ${DATE_HINT}` : `"${value}" is not a date. ${DATE_HINT}`);
  }
  return time / DAY_MS;
}

const minOf = (a: number | null, b: number) => (a === null ? b : Math.min(a, b));
const maxOf = (a: number | null, b: number) => (a === null ? b : Math.max(a, b));

/**
 * Reads the search language: words, "exact phrases", -excluded words, and the operators from:@alice,
 * in:#general / in:@bob / in:ops, before:/after:/on:2026-11-05, has:file, has:link, is:pinned. Unknown operators
 * (`http://…`, `foo:bar`) are plain text. Several `from:` or `in:` widen the search (any of them); dates narrow it.
 * Refuses, with a message for people, what cannot be searched: malformed dates, empty operators, over-long queries.
 */
export function parseSearchQuery(raw: string): ParsedQuery {
  const q = cleanQuery(raw).trim();
  if (length(q) > SEARCH_QUERY_MAX_LENGTH) {
    refuse(`A search can be at most ${SEARCH_QUERY_MAX_LENGTH.toLocaleString('en')} characters; this one has ${length(q).toLocaleString('en')}.`);
  }
  const parsed: ParsedQuery = { terms: [], excluded: [], from: [], in: [], days: { from: null, until: null }, hasFile: false, hasLink: false, isPinned: false };
  let filters = 0;

  for (let at = 0; at < q.length; ) {
    if (/\s/.test(q.charAt(at))) {
      at++;
      continue;
    }
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(q) as RegExpExecArray;
    at = TOKEN.lastIndex;
    const [whole, minus, prefix, quoted, bare] = match;
    const negated = minus !== undefined;
    const name = prefix?.toLowerCase();
    const value = (quoted ?? bare ?? '').trim();

    if (name !== undefined && isOperator(name)) {
      if (negated) refuse(`Operators cannot be excluded: remove the "-" before ${name}:.`);
      applyOperator(parsed, name, value);
      filters++;
      continue;
    }
    if (bare !== undefined && prefix === undefined && /^[A-Za-z]+:$/.test(bare) && isOperator(bare.slice(0, -1).toLowerCase())) {
      // "from:" followed by a space: the value is missing, not a word to look for.
      const operator = bare.slice(0, -1).toLowerCase() as Operator;
      refuse(`Say what ${operator}: should match, for example ${EXAMPLES[operator]}.`);
    }
    const text = prefix !== undefined ? whole.slice(negated ? 1 : 0) : quoted !== undefined ? quoted.replace(/\s+/g, ' ').trim() : value;
    const term: SearchTerm = { text, phrase: quoted !== undefined && prefix === undefined };
    if (!isSearchable(term.text)) continue;
    (negated ? parsed.excluded : parsed.terms).push(term);
  }

  if (parsed.terms.length + parsed.excluded.length > SEARCH_MAX_TERMS) {
    refuse(`A search can have at most ${SEARCH_MAX_TERMS} words; put a long passage in quotes to find it as a phrase.`);
  }
  if (filters === 0 && parsed.terms.every((t) => length(t.text) < 2)) {
    refuse(parsed.excluded.length > 0 && parsed.terms.length === 0 ? 'Add something to look for: "-word" only leaves messages out.' : 'Type at least 2 characters to search.');
  }
  return parsed;
}

function applyOperator(parsed: ParsedQuery, operator: Operator, value: string): void {
  if (value === '') refuse(`Say what ${operator}: should match, for example ${EXAMPLES[operator]}.`);
  const { days } = parsed;
  switch (operator) {
    case 'from': {
      const name = value.replace(/^@/, '');
      if (name === '') refuse(`Name someone after from:, for example ${EXAMPLES.from}.`);
      parsed.from.push(name);
      return;
    }
    case 'in': {
      const name = value.replace(/^[#@]/, '');
      if (name === '') refuse(`Name a channel or person after in:, for example ${EXAMPLES.in}.`);
      parsed.in.push(value.startsWith('@') ? { kind: 'dm', username: name } : { kind: 'channel', name });
      return;
    }
    case 'before':
      days.until = minOf(days.until, parseDay(value));
      return;
    case 'after':
      days.from = maxOf(days.from, parseDay(value) + 1);
      return;
    case 'on': {
      const day = parseDay(value);
      days.from = maxOf(days.from, day);
      days.until = minOf(days.until, day + 1);
      return;
    }
    case 'has': {
      const what = value.toLowerCase();
      if (what === 'file' || what === 'files') parsed.hasFile = true;
      else if (what === 'link' || what === 'links') parsed.hasLink = true;
      else refuse(`has: takes "file" or "link" (${EXAMPLES.has}), not "${value}".`);
      return;
    }
    case 'is':
      if (value.toLowerCase() !== 'pinned') refuse(`is: takes "pinned" (${EXAMPLES.is}), not "${value}".`);
      parsed.isPinned = true;
      return;
  }
}
