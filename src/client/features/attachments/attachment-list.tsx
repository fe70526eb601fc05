// The files sent with a message.
import type { Message } from '../../../shared/protocol/messages.js';

export function AttachmentList(_props: { message: Message }) {
  return null;
}
