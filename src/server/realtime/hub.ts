import type { ServerEvent } from '../../shared/protocol/events.js';
import type { Audience } from './event-bus.js';
import { OutgoingFrame } from './outgoing-frame.js';

export interface Connection {
  readonly id: number;
  readonly userId: number;
  /** SHA-256 of the session token the socket was opened with, so revoking a session closes its sockets. */
  readonly sessionHash: Buffer;
  /**
   * The conversation the tab shows, as it last said with `view` (null: none); undefined until it says, as an API
   * client may never do. Typing reaches a tab only for the conversation it shows, or everywhere if it never said.
   */
  viewing: number | null | undefined;
  /** A JSON text frame, already encoded and framed (one object shared by every recipient of an event). */
  send(frame: OutgoingFrame): void;
  close(code: number, reason: string): void;
}

/** The open sockets, by user. Delivers each event to every tab of every user in its audience. */
export function createHub() {
  const byUser = new Map<number, Set<Connection>>();
  const byId = new Map<number, Connection>();
  let connectionCount = 0;

  /** To every tab of the user, or with `viewing` only those that show that conversation or never said what they show. */
  function sendTo(userId: number, frame: OutgoingFrame, viewing?: number): void {
    const connections = byUser.get(userId);
    if (!connections) return;
    for (const connection of connections) {
      if (viewing === undefined || connection.viewing === undefined || connection.viewing === viewing) connection.send(frame);
    }
  }

  return {
    add(connection: Connection): void {
      let set = byUser.get(connection.userId);
      if (!set) byUser.set(connection.userId, (set = new Set()));
      set.add(connection);
      byId.set(connection.id, connection);
      connectionCount++;
    },
    remove(connection: Connection): void {
      const set = byUser.get(connection.userId);
      if (!set?.delete(connection)) return;
      byId.delete(connection.id);
      connectionCount--;
      if (set.size === 0) byUser.delete(connection.userId);
    },
    deliver(audience: Audience, event: ServerEvent): void {
      // Serialised and encoded once, however many sockets receive it.
      const frame = OutgoingFrame.of(JSON.stringify(event));
      if ('everyone' in audience) {
        for (const userId of byUser.keys()) sendTo(userId, frame);
      } else if ('connectionIds' in audience) {
        for (const id of new Set(audience.connectionIds)) byId.get(id)?.send(frame);
      } else {
        // Typing in a channel of thousands is written only to the few tabs that show it, not to every member's.
        const viewing = 'viewing' in audience ? audience.viewing : undefined;
        for (const userId of new Set(audience.userIds)) sendTo(userId, frame, viewing);
      }
    },
    /** Closes the sockets of revoked sessions (logout, password change or reset). */
    closeWhere(predicate: (connection: Connection) => boolean, code: number, reason: string): void {
      for (const set of byUser.values()) {
        for (const connection of set) if (predicate(connection)) connection.close(code, reason);
      }
    },
    isConnected: (userId: number) => byUser.has(userId),
    connectedUserIds: () => [...byUser.keys()],
    /** Every open connection, as a snapshot. */
    connections: (): Connection[] => [...byUser.values()].flatMap((set) => [...set]),
    get connectionCount() {
      return connectionCount;
    },
  };
}

export type Hub = ReturnType<typeof createHub>;
