import { createRequire } from 'node:module';
import { createEmojiCatalogue, type EmojiCatalogue, type EmojiData } from '../../../shared/domain/emoji.js';

let catalogue: EmojiCatalogue | null = null;

/** The emoji people may react with, read once from the same emojibase-data file the web app's picker shows. */
export function reactionEmojiCatalogue(): EmojiCatalogue {
  catalogue ??= createEmojiCatalogue(createRequire(import.meta.url)('emojibase-data/en/compact.json') as EmojiData[]);
  return catalogue;
}
