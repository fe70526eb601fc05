import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createEmojiCatalogue, describeEmojiProblem, emojiKey, reactionEmojiOf, type EmojiData } from './emoji.js';

const data = createRequire(import.meta.url)('emojibase-data/en/compact.json') as EmojiData[];
const catalogue = createEmojiCatalogue(data);

describe('the reaction emoji set', () => {
  it('holds every emoji of the dataset without skin tones, components or lone letters', () => {
    expect(catalogue.size).toBeGreaterThanOrEqual(1900);
    expect(reactionEmojiOf(data)).toHaveLength(catalogue.size);
    expect(catalogue.labelOf('👍')).toBe('thumbs up');
  });

  it('treats spellings with and without variation selectors as one emoji, stored as the dataset spells it', () => {
    expect(emojiKey('❤️')).toBe('❤');
    expect(catalogue.resolve('❤')).toEqual({ emoji: '❤️' });
    expect(catalogue.resolve('❤️')).toEqual({ emoji: '❤️' });
    expect(catalogue.resolve('❤\uFE0E')).toEqual({ emoji: '❤️' });
    expect(catalogue.resolve('👍')).toEqual(catalogue.resolve('👍\uFE0F'));
  });

  it.each([
    ['', 'empty'],
    ['x'.repeat(65), 'too-long'],
    ['👍🏽', 'skin-tone'],
    ['🏿', 'skin-tone'],
    ['👍👍', 'unknown'],
    ['hello', 'unknown'],
    ['🇦', 'unknown'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(catalogue.resolve(text)).toEqual({ problem });
    expect(describeEmojiProblem(problem as never, text)).toMatch(/\.$/);
  });
});
