import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { Endpoint, FrameHandler } from './client.js';

/*
 * A receive-mostly WebSocket client for the fan-out load generator, where ws's per-frame machinery (a Writable
 * stream per socket, an event per frame) was a large part of the generator's CPU. It parses server frames straight
 * from the socket's chunks (a frame that arrives whole is handed on as a view, not copied), answers pings and
 * close frames as RFC 6455 requires, and sends nothing else. Server frames are never masked; permessage-deflate is
 * not offered, so never used.
 */

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const CONNECT_TIMEOUT_MS = 30_000;

export interface RawSocket {
  terminate(): void;
}

/** A masked control frame from client to server (pong or close), payload ≤ 125 bytes. */
function controlFrame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const frame = Buffer.allocUnsafe(6 + payload.length);
  frame[0] = 0x80 | opcode;
  frame[1] = 0x80 | payload.length;
  mask.copy(frame, 2);
  for (let i = 0; i < payload.length; i++) frame[6 + i] = (payload[i] as number) ^ (mask[i & 3] as number);
  return frame;
}

/**
 * Opens `/api/ws` as the given user and resolves after the server's first frame (`hello`), like openSocket in
 * client.ts; every later text frame goes to `onFrame` (a view into the received bytes, valid during the call).
 */
export function openRawSocket(endpoint: Endpoint, token: string, onFrame: FrameHandler): Promise<RawSocket> {
  const url = new URL('/api/ws', endpoint.baseUrl);
  const key = randomBytes(16).toString('base64');
  const request = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': key, cookie: `mm_session=${token}`, origin: endpoint.origin },
  });
  return new Promise((resolve, reject) => {
    let socket: Socket | null = null;
    const fail = (err: Error) => {
      clearTimeout(timer);
      request.destroy();
      socket?.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error('WebSocket: no hello within 30 s')), CONNECT_TIMEOUT_MS);
    request.once('error', fail);
    request.once('response', (response) => fail(new Error(`WebSocket upgrade refused: HTTP ${response.statusCode}`)));
    request.once('upgrade', (response, tcp, head) => {
      socket = tcp;
      const accept = createHash('sha1').update(key + GUID).digest('base64');
      if (response.headers['sec-websocket-accept'] !== accept) return fail(new Error('WebSocket: wrong Sec-WebSocket-Accept'));
      tcp.setNoDelay(true);
      let greeted = false;
      let pending: Buffer | null = head.length > 0 ? head : null;
      let fragments: Buffer[] = [];
      let text = true;
      const handle = (opcode: number, fin: boolean, payload: Buffer) => {
        if (opcode === 0x9) {
          tcp.write(controlFrame(0xa, payload));
        } else if (opcode === 0x8) {
          tcp.end(controlFrame(0x8, payload.subarray(0, 2)));
        } else if (opcode === 0x1 || opcode === 0x2 || opcode === 0x0) {
          if (opcode !== 0x0) text = opcode === 0x1;
          // Binary messages are not part of the protocol; skipped like any frame the caller does not expect.
          if (!text) return;
          if (!fin || fragments.length > 0) {
            fragments.push(Buffer.from(payload));
            if (!fin) return;
            payload = Buffer.concat(fragments);
            fragments = [];
          }
          if (greeted) return onFrame(payload);
          greeted = true;
          clearTimeout(timer);
          resolve({ terminate: () => tcp.destroy() });
        }
      };
      const parse = (chunk: Buffer) => {
        const data = pending ? Buffer.concat([pending, chunk]) : chunk;
        pending = null;
        let at = 0;
        for (;;) {
          if (data.length - at < 2) break;
          const b0 = data[at] as number;
          let length = (data[at + 1] as number) & 0x7f;
          let start = at + 2;
          if (length === 126) {
            if (data.length - at < 4) break;
            length = data.readUInt16BE(at + 2);
            start = at + 4;
          } else if (length === 127) {
            if (data.length - at < 10) break;
            length = data.readUInt32BE(at + 2) * 2 ** 32 + data.readUInt32BE(at + 6);
            start = at + 10;
          }
          if (data.length - start < length) break;
          handle(b0 & 0x0f, (b0 & 0x80) !== 0, data.subarray(start, start + length));
          at = start + length;
        }
        if (at < data.length) pending = Buffer.from(data.subarray(at));
      };
      tcp.on('data', parse);
      tcp.on('error', (err) => {
        if (!greeted) fail(err);
      });
      tcp.once('close', () => {
        if (!greeted) fail(new Error('WebSocket closed before hello'));
      });
      if (pending) {
        const first = pending;
        pending = null;
        parse(first);
      }
    });
    request.end();
  });
}
