// Server events about presence → presence state.
import type { ServerEvent } from '../../../shared/protocol/events.js';
import { override, setStatuses } from './state.js';

export function handlePresenceEvent(event: ServerEvent): void {
  switch (event.type) {
    case 'hello':
      setStatuses(event.presence.map(({ userId, status }) => [userId, status]));
      override.value = event.presenceOverride;
      break;
    case 'presence':
      setStatuses(event.changes.map(({ userId, status }) => [userId, status]), true);
      break;
    case 'presence.override':
      override.value = event.override;
      break;
  }
}
