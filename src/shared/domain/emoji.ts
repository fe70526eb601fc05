// Which emoji exist for reactions, and when two spellings are the same emoji. Pure: the dataset (emojibase-data's
// compact.json) is handed in, read from disk by the server and loaded lazily by the web app, so neither side's
// start-up pays for it and the web app's first screen does not carry it.

/** The fields of an emojibase-data compact entry that reactions use. */
export interface EmojiData {
  unicode: string;
  label: string;
  hexcode: string;
  /** Absent for the regional indicator letters; 2 is "components" (skin-tone swatches, hair). */
  group?: number;
  order?: number;
  tags?: string[];
  skins?: unknown[];
}

const COMPONENT_GROUP = 2;
/** Longest text accepted as one emoji, in UTF-16 units: the longest sequences in the set are about 35. */
export const EMOJI_MAX_LENGTH = 64;
const VARIATION_SELECTORS = /[\uFE0E\uFE0F]/g;

/** The five Fitzpatrick modifiers, U+1F3FB to U+1F3FF. */
function hasSkinTone(text: string): boolean {
  return [...text].some((c) => (c.codePointAt(0) ?? 0) >= 0x1f3fb && (c.codePointAt(0) ?? 0) <= 0x1f3ff);
}

/**
 * The same emoji typed with or without a variation selector (U+FE0F asks for the colourful form, U+FE0E for text)
 * is one emoji: keys drop both.
 */
export function emojiKey(text: string): string {
  return text.replace(VARIATION_SELECTORS, '');
}

/**
 * Emoji people can react with: every emoji of the dataset in its default (yellow) form, without skin-tone variants,
 * the bare components (a skin-tone swatch, hair) or lone regional-indicator letters, in the dataset's order.
 */
export function reactionEmojiOf<T extends EmojiData>(data: readonly T[]): T[] {
  return data.filter((e) => e.group !== undefined && e.group !== COMPONENT_GROUP).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

export type EmojiProblem = 'empty' | 'too-long' | 'skin-tone' | 'unknown';

export interface EmojiCatalogue {
  readonly size: number;
  /** The stored spelling of `text` (the dataset's), or why it is refused. */
  resolve(text: string): { emoji: string } | { problem: EmojiProblem };
  labelOf(emoji: string): string | undefined;
}

export function createEmojiCatalogue(data: readonly EmojiData[]): EmojiCatalogue {
  const byKey = new Map<string, EmojiData>();
  for (const entry of reactionEmojiOf(data)) byKey.set(emojiKey(entry.unicode), entry);
  return {
    size: byKey.size,
    resolve(text) {
      if (text.length === 0) return { problem: 'empty' };
      if (text.length > EMOJI_MAX_LENGTH) return { problem: 'too-long' };
      const entry = byKey.get(emojiKey(text));
      if (entry) return { emoji: entry.unicode };
      return { problem: hasSkinTone(text) ? 'skin-tone' : 'unknown' };
    },
    labelOf: (emoji) => byKey.get(emojiKey(emoji))?.label,
  };
}

/** A sentence for each refusal, shared so the web app and the API say the same thing. */
export function describeEmojiProblem(problem: EmojiProblem, text: string): string {
  switch (problem) {
    case 'empty':
      return 'Choose an emoji to react with.';
    case 'too-long':
      return `That is too long to be one emoji (at most ${EMOJI_MAX_LENGTH} characters).`;
    case 'skin-tone':
      return 'Reactions use the default emoji without a skin tone; pick the emoji without one.';
    case 'unknown':
      return `“${[...text].slice(0, 16).join('')}” is not an emoji you can react with; pick one from the emoji list.`;
  }
}
