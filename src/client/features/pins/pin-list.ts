// The rule that keeps a conversation's pin list current from message events. Pure, so it is tested without a DOM.
import type { Message } from '../../../shared/protocol/messages.js';

/**
 * The list (most recently pinned first) after `message` changed: a newly pinned message goes to the front, an
 * unpinned or deleted one leaves, and one still pinned is replaced in place (its text may have been edited).
 * Returns the same list when nothing changed.
 */
export function withPinChange(pins: readonly Message[], message: Message): readonly Message[] {
  const others = pins.filter((m) => m.id !== message.id);
  const wasPinned = others.length !== pins.length;
  const pinned = message.pinned !== null && message.deletedAt === null;
  if (pinned) return wasPinned ? pins.map((m) => (m.id === message.id ? message : m)) : [message, ...others];
  return wasPinned ? others : pins;
}
