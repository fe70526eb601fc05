// Fuzzy matching for the user pickers: "bo" finds bob, "jd" finds john_doe, "cr" finds carol. Pure and tested.

/** Lower is better; null when the query does not match at all. */
export function fuzzyScore(rawQuery: string, candidate: string): number | null {
  const query = rawQuery.trim().replace(/^@/, '').toLowerCase();
  const name = candidate.toLowerCase();
  if (query === '') return 100;
  if (name === query) return 0;
  if (name.startsWith(query)) return 10 + (name.length - query.length) / 100;
  const wordStart = name.split(/[-_.\s]+/).some((part) => part.startsWith(query));
  if (wordStart) return 20;
  const at = name.indexOf(query);
  if (at >= 0) return 30 + at / 100;
  // Letters in order, anywhere: fewer and shorter gaps score better; a hit at the start of a word counts extra.
  let position = -1;
  let gaps = 0;
  for (const letter of query) {
    const next = name.indexOf(letter, position + 1);
    if (next < 0) return null;
    const atWordStart = next === 0 || /[-_.\s]/.test(name[next - 1] ?? '');
    if (next > position + 1 && !atWordStart) gaps += 1;
    position = next;
  }
  return 40 + gaps;
}

/** The best matches for `query`, best first (ties by name), at most `limit` of them. */
export function fuzzyFilter<T>(query: string, items: readonly T[], nameOf: (item: T) => string, limit = 8): T[] {
  const scored: { item: T; score: number; name: string }[] = [];
  for (const item of items) {
    const name = nameOf(item);
    const score = fuzzyScore(query, name);
    if (score !== null) scored.push({ item, score, name });
  }
  scored.sort((a, b) => a.score - b.score || a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  return scored.slice(0, limit).map((entry) => entry.item);
}
