// Which message visual mode selects, from the conversation's held messages (oldest first); no DOM.
import type { Message } from '../../../shared/protocol/messages.js';

/** Messages a person can act on: written by someone (not system lines) and not deleted. */
export function selectable(messages: readonly Message[]): Message[] {
  return messages.filter((message) => message.kind === 'user' && message.deletedAt === null);
}

/**
 * The message `step` places newer (+1) or older (-1) than `currentId`; the newest one when nothing (or something no
 * longer held) is selected. `edge` is true when the step ran past the oldest held message.
 */
export function stepSelection(messages: readonly Message[], currentId: number | null, step: -1 | 1): { message: Message | null; edge: boolean } {
  const list = selectable(messages);
  const index = currentId === null ? -1 : list.findIndex((message) => message.id === currentId);
  if (index < 0) return { message: list[list.length - 1] ?? null, edge: false };
  const next = index + step;
  if (next < 0) return { message: list[0] ?? null, edge: true };
  return { message: list[Math.min(next, list.length - 1)] ?? null, edge: false };
}
