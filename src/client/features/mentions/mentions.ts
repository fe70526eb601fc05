// Mentions as the reader sees them.
import type { Message } from '../../../shared/protocol/messages.js';

/** True when the message mentions this user (by name, or through @everyone / @here). */
export function mentionsMe(_message: Message, _userId: number): boolean {
  return false;
}
