// MiniMost's bundled STUN server: one UDP socket (two for 0.0.0.0) that answers Binding requests. The protocol
// lives in binding.ts; this file only moves datagrams and keeps the process alive whatever peers send.

import { createSocket, type RemoteInfo, type Socket, type SocketType } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { answerStunPacket } from './binding.js';

export interface StunServerOptions {
  host: string;
  // 0 picks a free port; StunServer.port tells which.
  port: number;
  onError?: (err: Error) => void;
}

export interface StunServer {
  port: number;
  address: string;
  close(): Promise<void>;
}

// An Ethernet frame's worth. Binding requests are a few dozen bytes; anything bigger is not meant for us.
export const MAX_PACKET_BYTES = 1500;

// Resolves once the socket is bound (rejects if it cannot be, e.g. the port is taken). After that, nothing a peer
// sends and no socket error rejects or throws: errors go to onError and the server keeps answering.
export async function startStunServer(options: StunServerOptions): Promise<StunServer> {
  const report = (err: Error): void => {
    try {
      options.onError?.(err);
    } catch {
      // A failing error handler must not take the server down with it.
    }
  };
  const primary = await bindSocket(isIPv6(options.host) ? 'udp6' : 'udp4', options.host, options.port, report);
  const sockets = [primary];
  const { address, port } = primary.address();
  if (options.host === '0.0.0.0') {
    // IPv6 peers too, on the same port. ipv6Only keeps the two sockets from fighting over IPv4; a host without
    // IPv6, or with that port taken on it, still gets a working IPv4 server.
    const secondary = await bindSocket('udp6', '::', port, report, true).catch(() => null);
    if (secondary !== null) sockets.push(secondary);
  }
  let closed: Promise<void> | undefined;
  return {
    port,
    address,
    close: () => (closed ??= Promise.all(sockets.map(closeSocket)).then(() => undefined)),
  };
}

function bindSocket(
  type: SocketType,
  host: string,
  port: number,
  report: (err: Error) => void,
  ipv6Only = false,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type, ipv6Only });
    const failBind = (err: Error): void => {
      socket.on('error', () => undefined); // being discarded: nothing more it reports matters
      void closeSocket(socket);
      reject(err);
    };
    socket.once('error', failBind);
    socket.bind({ address: host, port }, () => {
      socket.off('error', failBind);
      socket.on('error', report);
      socket.on('message', (packet, peer) => answer(socket, packet, peer, report));
      resolve(socket);
    });
  });
}

function answer(socket: Socket, packet: Buffer, peer: RemoteInfo, report: (err: Error) => void): void {
  if (packet.length > MAX_PACKET_BYTES) return;
  try {
    const response = answerStunPacket(packet, { address: peer.address, port: peer.port });
    if (response === null) return;
    socket.send(response, peer.port, peer.address, (err) => {
      if (err) report(err);
    });
  } catch (err) {
    // A bug of ours or a socket closing under us; either way one peer's packet must not stop the others.
    report(err instanceof Error ? err : new Error(String(err)));
  }
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve(); // already closed
    }
  });
}
