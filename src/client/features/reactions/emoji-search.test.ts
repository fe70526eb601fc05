import { describe, expect, it } from 'vitest';
import type { PickerEmoji } from './emoji-data.js';
import { MAX_RECENT, emojiScore, recentEntries, searchEmoji, withRecent } from './emoji-search.js';

const entry = (emoji: string, label: string, shortcodes: string[], tags: string[] = []): PickerEmoji => ({ emoji, label, group: 0, shortcodes, tags });
const LIST = [
  entry('😀', 'grinning face', ['grinning'], ['face', 'grin']),
  entry('😂', 'face with tears of joy', ['joy'], ['laugh', 'tear']),
  entry('👍️', 'thumbs up', ['+1', 'thumbsup'], ['like', 'yes']),
  entry('👎️', 'thumbs down', ['-1', 'thumbsdown'], ['dislike', 'no']),
  entry('❤️', 'red heart', ['heart'], ['love']),
  entry('🚀', 'rocket', ['rocket'], ['space']),
];

describe('searching emoji', () => {
  it('finds by name, best match first', () => {
    expect(searchEmoji(LIST, 'thumbs up').map((e) => e.label)).toEqual(['thumbs up']);
    expect(searchEmoji(LIST, 'thumbs').map((e) => e.label)).toEqual(['thumbs up', 'thumbs down']);
    expect(searchEmoji(LIST, 'Rock')[0]?.emoji).toBe('🚀');
  });

  it('finds by shortcode, with or without colons, and by tag', () => {
    expect(searchEmoji(LIST, ':+1:')[0]?.label).toBe('thumbs up');
    expect(searchEmoji(LIST, 'thumbsdown')[0]?.label).toBe('thumbs down');
    expect(searchEmoji(LIST, 'love').map((e) => e.label)).toEqual(['red heart']);
    expect(searchEmoji(LIST, 'joy')[0]?.emoji).toBe('😂');
  });

  it('needs every word to match, and ranks a whole-name match over a tag', () => {
    expect(searchEmoji(LIST, 'face joy').map((e) => e.emoji)).toEqual(['😂']);
    expect(searchEmoji(LIST, 'face zebra')).toEqual([]);
    expect(emojiScore(LIST[0] as PickerEmoji, 'grinning face')).toBe(0);
    expect(emojiScore(LIST[0] as PickerEmoji, 'grin')).toBeLessThan(emojiScore(LIST[1] as PickerEmoji, 'tear') ?? Infinity);
  });
});

describe('recent emoji', () => {
  it('puts the latest first, once, whatever its spelling, up to a limit', () => {
    expect(withRecent(['😀', '❤️'], '❤')).toEqual(['❤', '😀']);
    const many = Array.from({ length: MAX_RECENT }, (_, i) => String(i));
    expect(withRecent(many, '🚀')).toHaveLength(MAX_RECENT);
    expect(withRecent(many, '🚀')[0]).toBe('🚀');
  });

  it('shows only the recent emoji the list has, in recent order', () => {
    expect(recentEntries(LIST, ['🚀', 'nope', '👍']).map((e) => e.label)).toEqual(['rocket', 'thumbs up']);
  });
});
