/**
 * Search ignores case and accents: "Café", "CAFE" and "cafe" are the same word. This is the folding the
 * highlighter uses to find what the index matched (the index folds the same way, see the search migration).
 */
export function foldText(text: string): string {
  return folded(text).text;
}

/**
 * The folded text and, for each of its UTF-16 units, where the character it came from starts and ends in the
 * original (folding can change lengths: a combining accent disappears, "İ" lower-cases to two units), so matches found in the folded
 * text map back to exact offsets in the original.
 */
export function folded(text: string): { text: string; starts: number[]; ends: number[] } {
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (const char of text) {
    const piece = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    out += piece;
    for (let i = 0; i < piece.length; i++) {
      starts.push(at);
      ends.push(at + char.length);
    }
    at += char.length;
  }
  return { text: out, starts, ends };
}
