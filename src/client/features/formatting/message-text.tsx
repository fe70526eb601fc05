// A message's words as the reader sees them.
export function MessageText({ text }: { text: string }) {
  return <>{text}</>;
}
