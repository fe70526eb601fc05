// Server events about presence → presence state.
import type { ServerEvent } from '../../../shared/protocol/events.js';
import { override, setStatus, setStatuses } from './state.js';

export function handlePresenceEvent(event: ServerEvent): void {
  switch (event.type) {
    case 'hello':
      setStatuses(event.presence.map(({ userId, status }) => [userId, status]));
      override.value = event.presenceOverride;
      break;
    case 'presence':
      setStatus(event.userId, event.status);
      break;
    case 'presence.override':
      override.value = event.override;
      break;
  }
}
