// Reactions under a message, and the button that adds one.
import type { Message } from '../../../shared/protocol/messages.js';

export function ReactionBar(_props: { message: Message }) {
  return null;
}

export function ReactButton(_props: { message: Message }) {
  return null;
}
