// The filter controls read and write the query text itself, so what is typed and what the controls show never
// disagree: choosing "From: bob" writes `from:@bob`, typing `from:@bob` sets the control. Words are split the way
// the server reads them (docs/api.md, "Search"): an optional "-", an optional "name:", then a quoted part (an
// unclosed quote runs to the end) or a run of non-spaces.

export type FilterOperator = 'from' | 'in' | 'before' | 'after' | 'on' | 'has';
const OPERATORS: readonly string[] = ['from', 'in', 'before', 'after', 'on', 'has', 'is'];

interface Token {
  start: number;
  end: number;
  /** The operator's name in lower case, when the word is one (`from:@bob`); undefined for text. */
  operator: string | undefined;
  value: string;
}

// The same shape the server's parser accepts (src/server/modules/search/search-query.ts).
// eslint-disable-next-line security/detect-unsafe-regex -- linear: "name:" backs off at most once per word
const WORD = /(-)?(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))/y;

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  for (let at = 0; at < query.length; ) {
    if (/\s/.test(query.charAt(at))) {
      at++;
      continue;
    }
    WORD.lastIndex = at;
    const match = WORD.exec(query) as RegExpExecArray;
    const [, minus, prefix, quoted, bare] = match;
    // A bare "from:" (nothing after the colon yet) matches as a plain word; it is still that operator, unfinished.
    const name = (prefix ?? /^([A-Za-z]+):$/.exec(bare ?? '')?.[1])?.toLowerCase();
    const value = prefix === undefined && name !== undefined ? '' : (quoted ?? bare ?? '').trim();
    // "-from:x" is refused by the server, not a filter: the controls leave it alone.
    const operator = minus === undefined && name !== undefined && OPERATORS.includes(name) ? name : undefined;
    tokens.push({ start: at, end: WORD.lastIndex, operator, value });
    at = WORD.lastIndex;
  }
  return tokens;
}

export interface Filters {
  /** Usernames, without the "@". */
  from: string[];
  /** Conversations as written: `#general`, `ops`, `@bob`. */
  in: string[];
  before: string | null;
  after: string | null;
  on: string | null;
  hasLink: boolean;
}

/** The filters a query sets, as the controls show them (for dates, the last one written). */
export function readFilters(query: string): Filters {
  const filters: Filters = { from: [], in: [], before: null, after: null, on: null, hasLink: false };
  for (const { operator, value } of tokenize(query)) {
    if (value === '') continue;
    switch (operator) {
      case 'from':
        filters.from.push(value.replace(/^@/, ''));
        break;
      case 'in':
        filters.in.push(value);
        break;
      case 'before':
      case 'after':
      case 'on':
        filters[operator] = value;
        break;
      case 'has':
        if (/^links?$/i.test(value)) filters.hasLink = true;
        break;
    }
  }
  return filters;
}

/** A value as the query language needs it: quoted when it has spaces; null when it cannot be written (a `"`). */
export function operatorValue(value: string): string | null {
  if (value.includes('"')) return null;
  return /\s/.test(value) ? `"${value}"` : value;
}

/**
 * The query with every `operator:` filter replaced by one per value (none: the filter is removed). The new ones go
 * where the first old one was, or at the end, so the rest of what was typed stays as it was.
 */
export function withFilter(query: string, operator: FilterOperator, values: readonly string[]): string {
  const written = values.map((value) => writeFilter(operator, value)).filter((word): word is string => word !== null);
  const matches = (token: Token) => token.operator === operator && (operator !== 'has' || /^links?$/i.test(token.value));
  const tokens = tokenize(query);
  const first = tokens.findIndex(matches);
  const words: string[] = [];
  tokens.forEach((token, index) => {
    if (index === first) words.push(...written);
    if (!matches(token)) words.push(query.slice(token.start, token.end));
  });
  if (first === -1) words.push(...written);
  return words.join(' ');
}

function writeFilter(operator: FilterOperator, value: string): string | null {
  switch (operator) {
    case 'from': {
      const name = value.replace(/^@/, '');
      return name === '' || /[\s"]/.test(name) ? null : `from:@${name}`;
    }
    case 'in': {
      const written = operatorValue(value);
      return written === null || written === '' ? null : `in:${written}`;
    }
    case 'has':
      return 'has:link';
    default:
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${operator}:${value}` : null;
  }
}

/**
 * Not worth asking the server yet: nothing typed, a single character (it would only answer "type at least 2"), or
 * an operator still waiting for its value (`from:` as the last thing typed).
 */
export function isUnfinished(query: string): boolean {
  const trimmed = query.trim();
  if ([...trimmed].length < 2) return true;
  const last = tokenize(query).at(-1);
  return last !== undefined && last.operator !== undefined && last.value === '' && last.end === query.length;
}

/** A typed date as a date field holds it (`2026-11-5` → `2026-11-05`); '' when it is not one. */
export function dateFieldValue(typed: string | null): string {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed ?? '');
  return match ? `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}` : '';
}
