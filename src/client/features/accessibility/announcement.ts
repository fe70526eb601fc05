// What the live region says for new messages; pure, so it is unit-tested.
import type { Message } from '../../../shared/protocol/messages.js';

const MAX_CHARS = 200;

/** What to say for messages that arrived together; empty for none. */
export function announcementFor(messages: readonly Message[], nameOf: (id: number | null) => string): string {
  const last = messages[messages.length - 1];
  if (!last) return '';
  const text = (last.text ?? '').replace(/\s+/g, ' ').trim();
  const said = `${nameOf(last.authorId)}: ${text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text}`;
  return messages.length === 1 ? said : `${messages.length} new messages. Latest, ${said}`;
}
