import { expect, test } from 'vitest';
import { EMOJI_ONLY_MAX, isEmojiOnly } from './emoji-only.js';

test('one or a few emoji, with or without spaces, are emoji only', () => {
  for (const text of ['🎉', '👍👍', ' 🚀 🔥 ', '👩‍💻', '👍🏽', '🇫🇷', '❤️', '1️⃣', '🏳️‍🌈']) expect(isEmojiOnly(text), text).toBe(true);
});

test('any other character, or too many emoji, is not', () => {
  for (const text of ['', '   ', 'ok 👍', '👍!', '1', '#', ':)', '🎉'.repeat(EMOJI_ONLY_MAX + 1)]) expect(isEmojiOnly(text), text).toBe(false);
});
