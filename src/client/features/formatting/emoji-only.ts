// "🎉" or "👍👍" alone in a message is shown large, as chat apps do; a word beside them keeps them text-sized.

/** At most this many emoji make a message "emoji only". */
export const EMOJI_ONLY_MAX = 10;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const FLAG = /^\p{Regional_Indicator}{2}$/u;
const KEYCAP = /^[0-9#*]\uFE0F?\u20E3$/u;
const ZWJ = '\u200D';
const VARIATION_16 = '\uFE0F';

/** A pictograph plus what joins, varies or tints it (ZWJ sequences, skin tones, tag sequences). */
function isPictographSequence(grapheme: string): boolean {
  if (!PICTOGRAPH.test(grapheme)) return false;
  for (const char of grapheme) {
    const code = char.codePointAt(0) ?? 0;
    const tag = code >= 0xe0020 && code <= 0xe007f;
    if (!tag && char !== ZWJ && char !== VARIATION_16 && !/\p{Extended_Pictographic}|\p{Emoji_Modifier}/u.test(char)) return false;
  }
  return true;
}

function isEmoji(grapheme: string): boolean {
  return FLAG.test(grapheme) || KEYCAP.test(grapheme) || isPictographSequence(grapheme);
}

export function isEmojiOnly(text: string): boolean {
  let count = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (/^\s+$/u.test(segment)) continue;
    if (!isEmoji(segment) || ++count > EMOJI_ONLY_MAX) return false;
  }
  return count > 0;
}
