// The server over real UDP, on loopback only.

import { createSocket, type Socket, type SocketType } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeXorMappedAddress } from './address.js';
import { buildBindingRequest } from './binding.js';
import { ATTRIBUTE, parseStunMessage, type StunMessage } from './codec.js';
import { startStunServer, type StunServer } from './server.js';

interface Client {
  socket: Socket;
  address: string;
  port: number;
  received: StunMessage[];
  nextMessage(): Promise<StunMessage>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function startServer(host: string, port = 0): Promise<{ server: StunServer; errors: Error[] }> {
  const errors: Error[] = [];
  const server = await startStunServer({ host, port, onError: (err) => errors.push(err) });
  cleanups.push(() => server.close());
  return { server, errors };
}

async function openClient(type: SocketType, host: string): Promise<Client> {
  const socket = createSocket(type);
  const received: StunMessage[] = [];
  const waiting: ((message: StunMessage) => void)[] = [];
  socket.on('message', (packet) => {
    const parsed = parseStunMessage(packet);
    if (!parsed.ok) throw new Error(`malformed response: ${parsed.reason}`);
    received.push(parsed.message);
    waiting.shift()?.(parsed.message);
  });
  await new Promise<void>((resolve) => socket.bind(0, host, resolve));
  cleanups.push(() => new Promise((resolve) => socket.close(() => resolve())));
  const { address, port } = socket.address();
  return {
    socket,
    address,
    port,
    received,
    nextMessage: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

function send(client: Client, packet: Uint8Array, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.socket.send(packet, port, host, (err) => (err ? reject(err) : resolve()));
  });
}

async function bindingExchange(client: Client, port: number, host: string): Promise<StunMessage> {
  const transactionId = randomBytes(12);
  const response = client.nextMessage();
  await send(client, buildBindingRequest(transactionId), port, host);
  const message = await response;
  expect(message.transactionId).toEqual(new Uint8Array(transactionId));
  return message;
}

function mappedAddress(message: StunMessage): { address: string; port: number } | null {
  const value = message.attributes.find((a) => a.type === ATTRIBUTE.XOR_MAPPED_ADDRESS)?.value;
  return value ? decodeXorMappedAddress(value, message.transactionId) : null;
}

describe('STUN server over UDP', () => {
  it('tells a client on 127.0.0.1 its own address and port', async () => {
    const { server, errors } = await startServer('127.0.0.1');
    expect(server.address).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    const client = await openClient('udp4', '127.0.0.1');

    const response = await bindingExchange(client, server.port, '127.0.0.1');

    expect(response.class).toBe('success');
    expect(mappedAddress(response)).toEqual({ address: client.address, port: client.port });
    expect(errors).toEqual([]);
  });

  it('drops garbage silently and still answers afterwards', async () => {
    const { server, errors } = await startServer('127.0.0.1');
    const client = await openClient('udp4', '127.0.0.1');
    const request = buildBindingRequest();
    const badFingerprint = request.map((byte, i) => (i === request.length - 1 ? byte ^ 0xff : byte));
    const garbage = [
      new Uint8Array(0),
      randomBytes(1),
      randomBytes(20),
      randomBytes(576),
      request.subarray(0, 19),
      request.subarray(0, request.length - 4),
      badFingerprint,
      Buffer.from('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
    ];
    for (const packet of garbage) await send(client, packet, server.port, '127.0.0.1');

    const response = await bindingExchange(client, server.port, '127.0.0.1');

    // Loopback keeps order, so an answer to any garbage would have arrived before this one.
    expect(client.received).toEqual([response]);
    expect(errors).toEqual([]);
  });

  it('ignores datagrams over 1500 bytes, even well-formed requests', async () => {
    const { server } = await startServer('127.0.0.1');
    const client = await openClient('udp4', '127.0.0.1');
    // 20 header + 4 + padding value + 8 FINGERPRINT bytes.
    const requestOfSize = (size: number): Uint8Array =>
      buildBindingRequest(randomBytes(12), [{ type: 0x8001, value: new Uint8Array(size - 32) }]);
    const tooBig = requestOfSize(1504);
    const justRight = requestOfSize(1500);
    expect([tooBig.length, justRight.length]).toEqual([1504, 1500]);

    const response = client.nextMessage();
    await send(client, tooBig, server.port, '127.0.0.1');
    await send(client, justRight, server.port, '127.0.0.1');

    expect((await response).transactionId).toEqual(justRight.slice(8, 20));
    expect(client.received).toHaveLength(1);
  });

  it('serves IPv6 on ::1, mapping the client\'s IPv6 address', async () => {
    const { server } = await startServer('::1');
    expect(server.address).toBe('::1');
    const client = await openClient('udp6', '::1');

    const response = await bindingExchange(client, server.port, '::1');

    expect(mappedAddress(response)).toEqual({ address: '::1', port: client.port });
  });

  it('on 0.0.0.0 also serves IPv6 on the same port', async () => {
    const { server } = await startServer('0.0.0.0');
    const v4 = await openClient('udp4', '127.0.0.1');
    const v6 = await openClient('udp6', '::1');

    expect(mappedAddress(await bindingExchange(v4, server.port, '127.0.0.1'))).toEqual({
      address: '127.0.0.1',
      port: v4.port,
    });
    expect(mappedAddress(await bindingExchange(v6, server.port, '::1'))).toEqual({ address: '::1', port: v6.port });
  });

  it('refuses to start on a port that is taken, leaving the first server running', async () => {
    const { server } = await startServer('127.0.0.1');

    await expect(startStunServer({ host: '127.0.0.1', port: server.port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });

    const client = await openClient('udp4', '127.0.0.1');
    expect((await bindingExchange(client, server.port, '127.0.0.1')).class).toBe('success');
  });

  it('closes cleanly, more than once, and frees its port', async () => {
    const server = await startStunServer({ host: '127.0.0.1', port: 0 });
    await Promise.all([server.close(), server.close()]);
    await server.close();

    const again = await startServer('127.0.0.1', server.port);
    expect(again.server.port).toBe(server.port);
  });
});
