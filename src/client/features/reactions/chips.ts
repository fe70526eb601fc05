// What the reaction bar shows: the server's reactions with this person's toggles still on their way applied on top,
// so a click shows at once; the live `message.updated` that follows is the truth. Pure and tested.
import { emojiKey } from '../../../shared/domain/emoji.js';
import type { Reaction } from '../../../shared/protocol/reactions.js';

export interface Chip {
  emoji: string;
  userIds: number[];
  mine: boolean;
}

/** `toggles`: emoji → whether this person wants their reaction on (true) or off (false), for requests in flight. */
export function chipsOf(reactions: readonly Reaction[], me: number, toggles: ReadonlyMap<string, boolean> = new Map()): Chip[] {
  const chips = reactions.map((r) => ({ emoji: r.emoji, userIds: [...r.userIds] }));
  for (const [emoji, on] of toggles) {
    const chip = chips.find((c) => emojiKey(c.emoji) === emojiKey(emoji));
    if (on && !chip) chips.push({ emoji, userIds: [me] });
    else if (on && chip && !chip.userIds.includes(me)) chip.userIds.push(me);
    else if (!on && chip) chip.userIds = chip.userIds.filter((id) => id !== me);
  }
  return chips.filter((c) => c.userIds.length > 0).map((c) => ({ ...c, mine: c.userIds.includes(me) }));
}

/** "Reacted by alice, bob and 3 others": names in the order they reacted. */
export function reactedByText(userIds: readonly number[], nameOf: (id: number) => string, shown = 10): string {
  const names = userIds.slice(0, shown).map(nameOf);
  const others = userIds.length - names.length;
  return `Reacted by ${names.join(', ')}${others > 0 ? ` and ${others} other${others === 1 ? '' : 's'}` : ''}`;
}
