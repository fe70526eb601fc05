// Pins: the label on a pinned message, the pin/unpin action, and the header button with the conversation's pins.
import type { Conversation } from '../../../shared/protocol/conversations.js';
import type { Message } from '../../../shared/protocol/messages.js';

export function PinnedLabel(_props: { message: Message }) {
  return null;
}

export function PinButton(_props: { message: Message }) {
  return null;
}

export function PinsButton(_props: { conversation: Conversation }) {
  return null;
}
