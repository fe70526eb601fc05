// Read receipts: who else has read up to a message. Pure and tested.
import type { Message } from '../../../shared/protocol/messages.js';
import { compareNames, usernameOf, type Users } from '../conversations/model.js';
import type { ReadPosition } from './timeline.js';

const NAMES_SHOWN = 10;

/**
 * Names of the members other than the author whose read position is at or past the message. Someone who arrived
 * after it was sent starts with their position past it without having read it, so they do not count.
 */
export function readersOf(message: Message, readPositions: ReadonlyMap<number, ReadPosition>, users: Users): string[] {
  const names: string[] = [];
  for (const [userId, { seq, joinedAt }] of readPositions) {
    if (userId !== message.authorId && seq >= message.seq && joinedAt <= message.createdAt) names.push(usernameOf(users, userId));
  }
  return names.sort(compareNames);
}

/** "Read by: bob, carol", shortened for big channels. */
export function receiptText(names: readonly string[]): string {
  if (names.length <= NAMES_SHOWN) return `Read by: ${names.join(', ')}`;
  const rest = names.length - NAMES_SHOWN;
  return `Read by: ${names.slice(0, NAMES_SHOWN).join(', ')} and ${rest} ${rest === 1 ? 'other' : 'others'}`;
}
