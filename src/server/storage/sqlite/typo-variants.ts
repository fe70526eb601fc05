import { foldText } from '../../modules/search/fold-text.js';

/** Words this long or longer get typo tolerance (shorter ones have too many one-letter neighbours to guess). */
export const TYPO_MIN_LENGTH = 5;
/** Past this, a word is more likely an identifier or a pasted token than something mistyped; and it keeps the work bounded. */
export const TYPO_MAX_LENGTH = 24;

const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
const DIGITS = [...'0123456789'];

/** The folded single word typo tolerance applies to, or null (phrases, several words, too short or long). */
export function typoCandidate(text: string): string | null {
  const word = foldText(text);
  const length = [...word].length;
  return length >= TYPO_MIN_LENGTH && length <= TYPO_MAX_LENGTH && /^[\p{L}\p{N}]+$/u.test(word) ? word : null;
}

/**
 * Every string one Damerau-Levenshtein edit away from `word`: one letter inserted, dropped, replaced, or two
 * neighbours swapped. Inserted and replacing characters come from a–z, the word's own characters, and 0–9 when
 * the word has a digit: a few hundred strings for the vocabulary to check. (Accented or non-Latin letters the
 * word does not already contain are not guessed.)
 */
export function typoVariants(word: string): string[] {
  const chars = [...word];
  const alphabet = [...new Set([...LETTERS, ...(/\d/.test(word) ? DIGITS : []), ...chars])];
  const variants = new Set<string>();
  const join = (parts: string[]) => parts.join('');
  for (let i = 0; i <= chars.length; i++) {
    const head = chars.slice(0, i);
    for (const letter of alphabet) variants.add(join([...head, letter, ...chars.slice(i)]));
    if (i === chars.length) break;
    const tail = chars.slice(i + 1);
    variants.add(join([...head, ...tail]));
    for (const letter of alphabet) if (letter !== chars[i]) variants.add(join([...head, letter, ...tail]));
    const next = chars[i + 1];
    if (next !== undefined && next !== chars[i]) variants.add(join([...head, next, chars[i] as string, ...chars.slice(i + 2)]));
  }
  variants.delete(word);
  return [...variants];
}
