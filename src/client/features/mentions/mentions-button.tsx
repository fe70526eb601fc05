// The header button that opens the Mentions view.
export function MentionsButton() {
  return null;
}
