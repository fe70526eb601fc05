// Server events that change unread counts → conversation records.
import type { ServerEvent } from '../../../shared/protocol/events.js';
import { me } from '../conversations/state.js';
import { countMessage, noteRead } from './state.js';

export function handleUnreadEvent(event: ServerEvent): void {
  switch (event.type) {
    case 'message.created':
    case 'message.updated':
    case 'message.deleted':
      countMessage(event);
      break;
    case 'read.updated':
      // Read in another of this person's tabs.
      if (event.userId === me.value) noteRead(event.conversationId, event.seq);
      break;
  }
}
