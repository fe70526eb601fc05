// The way features talk back on the socket (typing, presence) without importing the connection that dispatches
// events to them.
import type { LiveSocket } from '../../api/socket.js';
import type { ClientCommand } from '../../../shared/protocol/events.js';

let socket: LiveSocket | null = null;

export function attachSocket(next: LiveSocket | null): void {
  socket = next;
}

/** Sends a command if connected; false when it was dropped (commands are hints, so that is harmless). */
export function sendCommand(command: ClientCommand): boolean {
  return socket?.send(command) ?? false;
}
