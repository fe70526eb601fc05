// Server events about conversations and people → conversations state.
import type { ServerEvent } from '../../../shared/protocol/events.js';
import { dropConversation, putConversation, putUser } from './state.js';

export function handleConversationEvent(event: ServerEvent): void {
  switch (event.type) {
    case 'conversation.updated':
      putConversation(event.conversation);
      break;
    case 'conversation.removed':
      dropConversation(event.conversationId);
      break;
    case 'user.created':
    case 'user.updated':
      putUser(event.user);
      break;
  }
}
