// Taking link previews off one's own message. The server announces the change (message.updated), which the
// messages feature applies like any other edit.
import { api } from '../../api/api.js';
import type { Message } from '../../../shared/protocol/messages.js';

export async function removePreviews(message: Message): Promise<void> {
  await api.removePreviews(message.id);
}
