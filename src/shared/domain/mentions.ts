// How `@name`, `@everyone` and `@here` are read out of a message. The server uses it to decide who a message
// mentions; the web app uses the same rules for the `@` dropdown and to draw mention pills, so both always agree.
import { usernameKey } from './username.js';

/** One `@name` in a piece of text: where it is and whom it names (lowercased, as usernames compare). */
export interface MentionToken {
  start: number;
  end: number;
  key: string;
}

export interface ExtractedMentions {
  /** Lowercased usernames named with `@`, each once, in order of first appearance; not `everyone` or `here`. */
  keys: string[];
  everyone: boolean;
  here: boolean;
}

/** Same alphabet and length as usernames (see username.ts). */
const NAME_CHAR = /[A-Za-z0-9_-]/;
const NAME_MAX = 32;
// An `@` right after one of these belongs to something else: an e-mail address (`bob@mail.example`), a path or a
// handle written as `a.@b`.
const GLUED_BEFORE = /[A-Za-z0-9_.\-@/+]/;

/**
 * Every `@name` in plain text (no Markdown awareness: see extractMentions for code). The name runs as long as
 * username characters do, so punctuation after it (`@bob,` `@bob's` `(@bob)`) ends it.
 */
export function findMentionTokens(text: string): MentionToken[] {
  const tokens: MentionToken[] = [];
  let at = text.indexOf('@');
  while (at !== -1) {
    const before = at > 0 ? text[at - 1] : '';
    let end = at + 1;
    while (end < text.length && NAME_CHAR.test(text[end] as string)) end++;
    const length = end - at - 1;
    const after = text[end] ?? '';
    if (length > 0 && length <= NAME_MAX && !(before && GLUED_BEFORE.test(before)) && after !== '@') {
      tokens.push({ start: at, end, key: usernameKey(text.slice(at + 1, end)) });
    }
    at = text.indexOf('@', Math.max(end, at + 1));
  }
  return tokens;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The text with fenced code blocks and inline code spans blanked out (same length, so offsets still match). */
export function blankOutCode(text: string): string {
  const lines = text.split('\n');
  let fence: string | null = null;
  const kept = lines.map((line) => {
    const open = FENCE.exec(line);
    if (fence === null) {
      if (open) {
        fence = open[1] as string;
        return ' '.repeat(line.length);
      }
      return blankInlineCode(line);
    }
    if (open && (open[1] as string)[0] === fence[0] && (open[1] as string).length >= fence.length && line.trim() === open[1]) fence = null;
    return ' '.repeat(line.length);
  });
  return kept.join('\n');
}

/** A run of n backticks opens a code span closed by the next run of exactly n; an unclosed run is literal. */
function blankInlineCode(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '`') {
      out += line[i];
      i++;
      continue;
    }
    let n = 0;
    while (line[i + n] === '`') n++;
    const close = findRun(line, i + n, n);
    if (close === -1) {
      out += line.slice(i, i + n);
      i += n;
    } else {
      out += ' '.repeat(close + n - i);
      i = close + n;
    }
  }
  return out;
}

function findRun(line: string, from: number, n: number): number {
  let i = from;
  while (i < line.length) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    let run = 0;
    while (line[i + run] === '`') run++;
    if (run === n) return i;
    i += run;
  }
  return -1;
}

/** Who a message's text names, code excluded. Whether the names are real members is the server's question. */
export function extractMentions(text: string): ExtractedMentions {
  const keys = new Set<string>();
  let everyone = false;
  let here = false;
  for (const token of findMentionTokens(blankOutCode(text))) {
    if (token.key === 'everyone') everyone = true;
    else if (token.key === 'here') here = true;
    else keys.add(token.key);
  }
  return { keys: [...keys], everyone, here };
}

export type MentionPart = { kind: 'text'; text: string } | { kind: 'mention'; text: string; key: string };

/**
 * Splits a run of plain text (already outside code, as a Markdown renderer hands it over) into text and mentions,
 * for drawing pills. Only real names become mentions (`isName`), plus `@everyone` and `@here`.
 */
export function splitMentions(text: string, isName: (key: string) => boolean): MentionPart[] {
  const parts: MentionPart[] = [];
  let last = 0;
  for (const token of findMentionTokens(text)) {
    if (token.key !== 'everyone' && token.key !== 'here' && !isName(token.key)) continue;
    if (token.start > last) parts.push({ kind: 'text', text: text.slice(last, token.start) });
    parts.push({ kind: 'mention', text: text.slice(token.start, token.end), key: token.key });
    last = token.end;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
