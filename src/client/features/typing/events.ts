// Server events about typing → typing state. A person's message ends their "is typing" at once.
import type { ServerEvent } from '../../../shared/protocol/events.js';
import { me } from '../conversations/state.js';
import { dropTypist, noteTypist } from './state.js';

export function handleTypingEvent(event: ServerEvent): void {
  switch (event.type) {
    case 'typing':
      if (event.userId !== me.value) noteTypist(event.conversationId, event.userId);
      break;
    case 'message.created':
      if (event.message.authorId !== null) dropTypist(event.conversationId, event.message.authorId);
      break;
  }
}
