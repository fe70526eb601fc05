import { createRequire } from 'node:module';
import { createEmojiCatalogue, type EmojiCatalogue, type EmojiData } from '../../../shared/domain/emoji.js';

let catalogue: EmojiCatalogue | null = null;

/** The emoji people may react with, read once from the same emojibase-data file the web app's picker shows. */
export function reactionEmojiCatalogue(): EmojiCatalogue {
  catalogue ??= createEmojiCatalogue(createRequire(import.meta.url)('emojibase-data/en/compact.json') as EmojiData[]);
  return catalogue;
}

/**
 * The same catalogue, read on its first use rather than at start-up: the file is half a megabyte of JSON that a
 * server holds in memory only once someone reacts.
 */
export function lazyReactionEmojiCatalogue(): EmojiCatalogue {
  return {
    get size() {
      return reactionEmojiCatalogue().size;
    },
    resolve: (text) => reactionEmojiCatalogue().resolve(text),
    labelOf: (emoji) => reactionEmojiCatalogue().labelOf(emoji),
  };
}
