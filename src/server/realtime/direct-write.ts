import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/*
 * ws keeps these private. They are only read, except `sendFrame`, which is wrapped (see createDirectWriter). If a
 * later ws renames them, the writer takes no frame and every frame goes through `ws.send` as before.
 */
interface WsInternals {
  _isServer?: boolean;
  _extensions?: Record<string, unknown>;
  _socket?: Duplex | null;
  _sender?: { _state?: number; _queue?: unknown[]; _firstFragment?: boolean; sendFrame?: SendFrame } | null;
}

type SendFrame = (list: Buffer[], cb?: (err?: Error) => void) => void;

/** ws's Sender state when nothing is being compressed or read from a Blob, so frames go straight to the socket. */
const SENDER_IDLE = 0;

/**
 * Runs, once the current turn's I/O callbacks are done, the flushes queued during it: all the frames a socket is
 * given in one turn (a fan-out, several group-committed messages announced together when the server is behind)
 * leave in one write. A write costs a system call whatever its size, so a backlog gets cheaper to drain.
 */
export function createWriteGatherer(): { later(flush: () => void): void } {
  let queued: (() => void)[] = [];
  const run = () => {
    const flushes = queued;
    queued = [];
    for (const flush of flushes) flush();
  };
  return {
    later(flush) {
      if (queued.length === 0) setImmediate(run);
      queued.push(flush);
    },
  };
}

/**
 * A writer of already framed messages straight to the socket under `ws`, bypassing its Sender, for a server socket
 * that negotiated no extension (no permessage-deflate, so frames are sent as they are). A frame is taken only when
 * ws itself would write it immediately: the socket open, nothing queued in the Sender, no fragmented message under
 * way. Taken frames are held in memory (never in a corked socket) until the end of the turn and then written
 * together; every frame ws writes itself (close, ping, pong, anything sent with ws.send) first writes what is held,
 * so nothing is overtaken and a close frame is never held back. Answers false (nothing taken) otherwise, or for
 * every frame when this ws is not what the checks expect; the caller then uses `ws.send`.
 */
export function createDirectWriter(socket: WebSocket, gatherer: { later(flush: () => void): void }): (wire: Buffer) => boolean {
  const ws = socket as unknown as WsInternals;
  const sender = ws._sender;
  const ownSendFrame = sender?.sendFrame;
  const usable = ws._isServer === true && ws._extensions !== undefined && Object.keys(ws._extensions).length === 0 && sender != null && typeof ownSendFrame === 'function';
  if (!usable) return () => false;

  let held: Buffer[] = [];
  const flush = () => {
    if (held.length === 0) return;
    const frames = held;
    held = [];
    const tcp = ws._socket;
    // A socket ended or destroyed meanwhile loses what it was given, held or buffered alike.
    if (tcp == null || !tcp.writable) return;
    tcp.write(frames.length === 1 ? (frames[0] as Buffer) : Buffer.concat(frames));
  };
  sender.sendFrame = function (this: unknown, list, cb) {
    flush();
    ownSendFrame.call(this, list, cb);
  };

  return (wire) => {
    const tcp = ws._socket;
    if (
      socket.readyState !== socket.OPEN ||
      sender._state !== SENDER_IDLE ||
      sender._queue?.length !== 0 ||
      sender._firstFragment !== true ||
      tcp == null ||
      !tcp.writable
    ) {
      return false;
    }
    held.push(wire);
    if (held.length === 1) gatherer.later(flush);
    return true;
  };
}
