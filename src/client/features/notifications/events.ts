// Server events → alerts and preferences. Mentions arrive through `onMentioned` (alerts.ts), so a message that
// mentions this person is left to that path and alerts once.
import type { ServerEvent } from '../../../shared/protocol/events.js';
import { me } from '../conversations/state.js';
import { mentionsMe } from '../mentions/mentions.js';
import { alertFor } from './alerts.js';
import { applyPreferences, loadPreferences } from './state.js';

export function handleNotificationEvent(event: ServerEvent): void {
  switch (event.type) {
    case 'hello':
      // Changed on another device while this one was away.
      void loadPreferences();
      break;
    case 'preferences.updated':
      applyPreferences(event.preferences);
      break;
    case 'message.created':
      if (!mentionsMe(event.message, me.value)) alertFor(event.message, false);
      break;
  }
}
