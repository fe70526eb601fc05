import { CLOSE_SESSION_ENDED } from './socket.routes.js';
import type { Hub } from './hub.js';

/** How often the database is asked whether another process wrote to it: one cheap PRAGMA. */
const POLL_MS = 1_000;

/**
 * Closes the sockets of sessions that were ended by another process — `minimost users deactivate` or
 * `reset-password` run while the server runs. Those write to the database only; HTTP requests notice at once
 * (every request resolves its session), but an open socket would not. So the server watches for writes from other
 * processes (SQLite's data_version, which its own writes do not move) and then checks each open socket's session.
 */
export function closeSocketsOfEndedSessions(options: {
  hub: Hub;
  isSessionLive: (sessionHash: Buffer) => Promise<boolean>;
  externalChangeCounter: () => number;
  onError: (err: unknown) => void;
  pollMs?: number;
}): () => void {
  const { hub } = options;
  let seen = options.externalChangeCounter();
  let checking = false;

  async function check(): Promise<void> {
    const ended = new Set<number>();
    for (const connection of hub.connections()) {
      if (!(await options.isSessionLive(connection.sessionHash))) ended.add(connection.id);
    }
    if (ended.size > 0) hub.closeWhere((c) => ended.has(c.id), CLOSE_SESSION_ENDED, 'session ended');
  }

  const timer = setInterval(() => {
    if (checking) return;
    let version: number;
    try {
      version = options.externalChangeCounter();
    } catch (err) {
      options.onError(err);
      return;
    }
    if (version === seen) return;
    seen = version;
    checking = true;
    check()
      .catch(options.onError)
      .finally(() => {
        checking = false;
      });
  }, options.pollMs ?? POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
