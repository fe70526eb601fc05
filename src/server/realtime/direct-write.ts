import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/*
 * ws keeps these private; they are read, never written. If a later ws renames them, `canWriteDirect` answers false
 * and every frame goes through `ws.send` as before.
 */
interface WsInternals {
  _isServer?: boolean;
  _extensions?: Record<string, unknown>;
  _socket?: Duplex | null;
  _sender?: { _state?: number; _queue?: unknown[]; _firstFragment?: boolean } | null;
}

/** ws's Sender state when nothing is being compressed or read from a Blob, so frames go straight to the socket. */
const SENDER_IDLE = 0;

/**
 * A writer of already framed messages straight to the socket under `ws`, bypassing its Sender, for a server socket
 * that negotiated no extension (no permessage-deflate, so frames are sent as they are). Each write happens only
 * when ws itself would write the frame immediately: the socket open, nothing queued in the Sender, no fragmented
 * message under way. Then the bytes land in the same place, in the same order, as `ws.send` would have put them,
 * so close frames and ordering are untouched. Answers false (nothing written) otherwise, or for every frame when
 * this ws is not what the checks expect; the caller then uses `ws.send`.
 */
export function createDirectWriter(socket: WebSocket): (wire: Buffer) => boolean {
  const ws = socket as unknown as WsInternals;
  const usable = ws._isServer === true && ws._extensions !== undefined && Object.keys(ws._extensions).length === 0;
  if (!usable) return () => false;
  return (wire) => {
    const sender = ws._sender;
    const tcp = ws._socket;
    if (
      socket.readyState !== socket.OPEN ||
      sender == null ||
      sender._state !== SENDER_IDLE ||
      sender._queue?.length !== 0 ||
      sender._firstFragment !== true ||
      tcp == null ||
      tcp.destroyed
    ) {
      return false;
    }
    tcp.write(wire);
    return true;
  };
}
