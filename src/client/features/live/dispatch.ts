// Every server event goes to every feature; each handles the types it cares about in its own events.ts, so no
// one switch knows everything. Order matters in one place: unread counting looks at a conversation before the
// message lists change, and so do mentions (an edit is compared with the version held).
import type { ServerEvent } from '../../../shared/protocol/events.js';
import { handleCallEvent } from '../calls/events.js';
import { handleConversationEvent } from '../conversations/events.js';
import { handleMentionEvent } from '../mentions/events.js';
import { handleMessageEvent } from '../messages/events.js';
import { handleNotificationEvent } from '../notifications/events.js';
import { handlePinEvent } from '../pins/events.js';
import { handlePresenceEvent } from '../presence/events.js';
import { handleTypingEvent } from '../typing/events.js';
import { handleUnreadEvent } from '../unread/events.js';

const handlers: ((event: ServerEvent) => void)[] = [
  handleConversationEvent,
  handleUnreadEvent,
  handleMentionEvent,
  handleMessageEvent,
  handleTypingEvent,
  handlePresenceEvent,
  handlePinEvent,
  handleCallEvent,
  handleNotificationEvent,
];

export function dispatch(event: ServerEvent): void {
  for (const handle of handlers) {
    try {
      handle(event);
    } catch (error) {
      // One feature's bug must not stop the others from seeing the event.
      console.error('MiniMost: handling', event.type, 'failed', error);
    }
  }
}
