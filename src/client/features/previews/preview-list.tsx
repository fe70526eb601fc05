// Link previews under a message.
import type { Message } from '../../../shared/protocol/messages.js';

export function PreviewList(_props: { message: Message }) {
  return null;
}
