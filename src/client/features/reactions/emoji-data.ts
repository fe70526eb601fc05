// The emoji list for the picker, from emojibase-data (bundled, never fetched from outside). Loaded the first time a
// picker opens, as its own chunk: about 90 KB gzipped that the first screen does not need.
import { reactionEmojiOf, type EmojiData } from '../../../shared/domain/emoji.js';

export interface PickerEmoji {
  emoji: string;
  label: string;
  group: number;
  /** GitHub-style names, without colons: `thumbsup`, `+1`. */
  shortcodes: string[];
  tags: string[];
}

/** Emojibase's groups in order; 2 (components: bare skin tones, hair) is not offered. */
export const EMOJI_GROUPS: readonly { group: number; label: string }[] = [
  { group: 0, label: 'Smileys & emotion' },
  { group: 1, label: 'People & body' },
  { group: 3, label: 'Animals & nature' },
  { group: 4, label: 'Food & drink' },
  { group: 5, label: 'Travel & places' },
  { group: 6, label: 'Activities' },
  { group: 7, label: 'Objects' },
  { group: 8, label: 'Symbols' },
  { group: 9, label: 'Flags' },
];

let loading: Promise<PickerEmoji[]> | null = null;

export function loadEmoji(): Promise<PickerEmoji[]> {
  loading ??= Promise.all([import('emojibase-data/en/compact.json'), import('emojibase-data/en/shortcodes/github.json')]).then(
    ([data, codes]) => toPickerEmoji(data.default as EmojiData[], codes.default as Record<string, string | string[]>),
  );
  // A failed load (the server restarted mid-deploy) is tried again next time rather than remembered.
  loading.catch(() => (loading = null));
  return loading;
}

export function toPickerEmoji(data: readonly EmojiData[], shortcodes: Readonly<Record<string, string | string[]>>): PickerEmoji[] {
  return reactionEmojiOf(data).map((e) => {
    const codes = shortcodes[e.hexcode] ?? [];
    return { emoji: e.unicode, label: e.label, group: e.group ?? 0, shortcodes: typeof codes === 'string' ? [codes] : codes, tags: e.tags ?? [] };
  });
}
