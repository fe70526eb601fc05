// Server events → the Mentions view. Runs before the message lists apply the event, so an edit can be compared with
// the version this tab held.
import type { ServerEvent } from '../../../shared/protocol/events.js';
import { timelines } from '../messages/state.js';
import { noteMessage, refreshMentions } from './state.js';

export function handleMentionEvent(event: ServerEvent): void {
  switch (event.type) {
    case 'hello':
      // After every (re)connect: whatever was mentioned while away.
      refreshMentions();
      break;
    case 'message.created':
    case 'message.updated':
    case 'message.deleted': {
      const before = timelines.value.get(event.conversationId)?.messages.find((m) => m.id === event.message.id);
      noteMessage(event.message, event.type === 'message.created', before);
      break;
    }
  }
}
