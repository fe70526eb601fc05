// The composer's emoji button: picks an emoji and hands it to the composer to insert at the caret.
export function EmojiButton(_props: { onPick: (emoji: string) => void }) {
  return null;
}
