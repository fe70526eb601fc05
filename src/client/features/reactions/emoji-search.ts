// Finding an emoji by what people type: its name ("thumbs up"), a shortcode (":+1:", "thumbsup") or a tag ("like").
// Pure and tested.
import { emojiKey } from '../../../shared/domain/emoji.js';
import type { PickerEmoji } from './emoji-data.js';

/** Lower is better; null when it does not match. Every word typed must match the name, a shortcode or a tag. */
export function emojiScore(entry: PickerEmoji, rawQuery: string): number | null {
  const query = rawQuery.trim().toLowerCase().replace(/^:|:$/g, '');
  if (query === '') return 0;
  const label = entry.label.toLowerCase();
  if (label === query || entry.shortcodes.includes(query)) return 0;
  if (label.startsWith(query) || entry.shortcodes.some((c) => c.startsWith(query))) return 1;
  let worst = 0;
  for (const word of query.split(/\s+/)) {
    const score = wordScore(entry, label, word);
    if (score === null) return null;
    worst = Math.max(worst, score);
  }
  return worst;
}

function wordScore(entry: PickerEmoji, label: string, word: string): number | null {
  if (label.split(/[\s:,-]+/).some((part) => part.startsWith(word))) return 2;
  if (entry.shortcodes.some((c) => c.split('_').some((part) => part.startsWith(word)))) return 2;
  if (entry.tags.some((t) => t.startsWith(word))) return 3;
  if (label.includes(word) || entry.shortcodes.some((c) => c.includes(word))) return 4;
  return null;
}

/** The matches, best first; ties keep the dataset's order (commoner emoji first). */
export function searchEmoji(list: readonly PickerEmoji[], query: string, limit = 120): PickerEmoji[] {
  const scored: { entry: PickerEmoji; score: number; index: number }[] = [];
  list.forEach((entry, index) => {
    const score = emojiScore(entry, query);
    if (score !== null) scored.push({ entry, score, index });
  });
  scored.sort((a, b) => a.score - b.score || a.index - b.index);
  return scored.slice(0, limit).map((s) => s.entry);
}

export const MAX_RECENT = 24;

/** The recent list with `emoji` moved (or added) to the front, one spelling per emoji. */
export function withRecent(recent: readonly string[], emoji: string): string[] {
  const key = emojiKey(emoji);
  return [emoji, ...recent.filter((e) => emojiKey(e) !== key)].slice(0, MAX_RECENT);
}

/** The recent emoji that still exist in the list, in recent order. */
export function recentEntries(list: readonly PickerEmoji[], recent: readonly string[]): PickerEmoji[] {
  const byKey = new Map(list.map((e) => [emojiKey(e.emoji), e]));
  return recent.flatMap((e) => byKey.get(emojiKey(e)) ?? []);
}
