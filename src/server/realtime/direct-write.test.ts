import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createDirectWriter, createWriteGatherer } from './direct-write.js';
import { OutgoingFrame } from './outgoing-frame.js';

// Frames written past ws's Sender must read, on a real ws client, exactly like ws.send's own, at every length
// boundary of the header, interleaved with ws's own frames and followed by a close frame; those of one turn leave
// in one write, and never after a frame ws writes itself.

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function pair(serverDeflate: boolean, clientDeflate: boolean): Promise<{ server: WebSocket; client: WebSocket }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: serverDeflate });
  servers.push(wss);
  await new Promise((resolve) => wss.once('listening', resolve));
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, { perMessageDeflate: clientDeflate });
  await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
  return { server: await accepted, client };
}

function collect(client: WebSocket): { texts: string[]; closed: Promise<{ code: number; reason: string }> } {
  const texts: string[] = [];
  client.on('message', (data: Buffer, isBinary) => texts.push(isBinary ? '<binary>' : data.toString()));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => client.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return { texts, closed };
}

const LENGTHS = [0, 1, 125, 126, 127, 65_535, 65_536, 70_000];
const textOf = (length: number, mark: string) => `${mark}${'é'.repeat(length)}`.slice(0, Math.max(length, 1));

describe('direct frame writes', () => {
  it('reach a ws client intact at every header length, in order with ws.send and before the close frame', async () => {
    const { server, client } = await pair(false, false);
    const { texts, closed } = collect(client);
    const write = createDirectWriter(server, createWriteGatherer());
    const expected: string[] = [];
    for (const length of LENGTHS) {
      const direct = Buffer.alloc(length, 'd').toString();
      expect(write(OutgoingFrame.of(direct).wire)).toBe(true);
      expected.push(direct);
      const viaWs = textOf(length, 'w');
      server.send(viaWs);
      expected.push(viaWs);
    }
    server.close(4401, 'bye');
    expect(write(OutgoingFrame.of('after close').wire)).toBe(false);
    expect(await closed).toEqual({ code: 4401, reason: 'bye' });
    expect(texts).toEqual(expected);
  });

  it('step aside when ws compresses (permessage-deflate negotiated)', async () => {
    const { server, client } = await pair(true, true);
    const { texts, closed } = collect(client);
    const write = createDirectWriter(server, createWriteGatherer());
    expect(write(OutgoingFrame.of('{"type":"x"}').wire)).toBe(false);
    server.send('{"type":"y"}');
    server.close(1000, 'done');
    await closed;
    expect(texts).toEqual(['{"type":"y"}']);
  });

  it('step aside while ws has frames queued behind a compression, so nothing overtakes them', async () => {
    const { server } = await pair(false, false);
    const write = createDirectWriter(server, createWriteGatherer());
    const sender = (server as unknown as { _sender: { _state: number; _queue: unknown[] } })._sender;
    sender._queue.push([() => undefined, Buffer.alloc(0), false, {}, undefined]);
    expect(write(OutgoingFrame.of('x').wire)).toBe(false);
    sender._queue.length = 0;
    sender._state = 1;
    expect(write(OutgoingFrame.of('x').wire)).toBe(false);
    sender._state = 0;
    expect(write(OutgoingFrame.of('x').wire)).toBe(true);
  });

  it('leave what a stalled reader has not taken in the socket buffer, where bufferedAmount counts it', async () => {
    const { server, client } = await pair(false, false);
    (client as unknown as { _socket: { pause(): void } })._socket.pause();
    const write = createDirectWriter(server, createWriteGatherer());
    const frame = OutgoingFrame.of('x'.repeat(64 * 1024));
    // 40 MiB: more than the kernel's loopback buffers can absorb, so the rest must wait in the socket's own buffer.
    for (let i = 0; i < 640; i++) expect(write(frame.wire)).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    // socket.routes drops a client once this passes 8 MiB; it only can if directly written bytes are counted.
    expect(server.bufferedAmount).toBeGreaterThan(16 * 1024 * 1024);
  });

  it('write the frames of one turn to the socket in one write, and before a close frame sent in the same turn', async () => {
    const { server, client } = await pair(false, false);
    const { texts, closed } = collect(client);
    const tcp = (server as unknown as { _socket: { write(chunk: Buffer): boolean } })._socket;
    const realWrite = tcp.write.bind(tcp);
    const writes: number[] = [];
    tcp.write = (chunk: Buffer, ...rest: unknown[]) => {
      writes.push(chunk.length);
      return (realWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
    };
    const write = createDirectWriter(server, createWriteGatherer());
    const sent = Array.from({ length: 10 }, (_, i) => `{"n":${i}}`);
    for (const text of sent) expect(write(OutgoingFrame.of(text).wire)).toBe(true);
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([sent.reduce((n, text) => n + 2 + text.length, 0)]);

    for (const text of ['held', 'then']) write(OutgoingFrame.of(text).wire);
    server.close(4401, 'bye');
    expect(await closed).toEqual({ code: 4401, reason: 'bye' });
    expect(texts).toEqual([...sent, 'held', 'then']);
  });
});
