// Server events → the pin lists. Pins travel as ordinary message updates.
import type { ServerEvent } from '../../../shared/protocol/events.js';
import { notePinChange, reloadHeldPins } from './state.js';

export function handlePinEvent(event: ServerEvent): void {
  switch (event.type) {
    case 'hello':
      reloadHeldPins();
      break;
    case 'message.updated':
    case 'message.deleted':
      notePinChange(event.message);
      break;
  }
}
