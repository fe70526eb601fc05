// Server events about messages and read positions → message lists.
import type { ServerEvent } from '../../../shared/protocol/events.js';
import { applyMessageEvent, dropTimeline, noteReadPosition } from './state.js';

export function handleMessageEvent(event: ServerEvent): void {
  switch (event.type) {
    case 'message.created':
    case 'message.updated':
    case 'message.deleted':
      applyMessageEvent(event);
      break;
    case 'read.updated':
      noteReadPosition(event.conversationId, event.userId, event.seq);
      break;
    case 'conversation.removed':
      dropTimeline(event.conversationId);
      break;
  }
}
