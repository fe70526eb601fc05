// Pure rules for the call views, unit-tested without a browser.

/** One tile fills the panel, two split it 50/50, three or more tile in a grid. */
export function tileLayout(count: number): 'one' | 'two' | 'grid' {
  return count <= 1 ? 'one' : count === 2 ? 'two' : 'grid';
}

/** "alice is on a call", "alice and bob are on a call", "alice, bob and 2 others are on a call". */
export function onCallText(names: readonly string[]): string {
  if (names.length === 0) return 'A call is ringing';
  if (names.length === 1) return `${names[0]} is on a call`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are on a call`;
  const others = names.length - 2;
  return `${names[0]}, ${names[1]} and ${others} ${others === 1 ? 'other' : 'others'} are on a call`;
}

/** Calls are for DMs with someone else in them and private channels; never public channels or the system DM. */
export function canCall(conversation: { kind: string; name: string | null; memberIds: readonly number[] }): boolean {
  if (conversation.kind === 'private') return true;
  return conversation.kind === 'dm' && conversation.name === null && conversation.memberIds.length > 1;
}
