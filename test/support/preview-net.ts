import { isIP, connect, type Socket } from 'node:net';
import type { PreviewNet } from '../../src/server/modules/previews/safe-fetch.js';

// The network link previews see in tests. Nothing here ever asks real DNS or opens a connection beyond loopback:
// names resolve only through the table given, and a connection to any address other than 127.0.0.1/::1 is
// either redirected to a local port the test chose (a "public" address played by a local server) or refused.

export interface FakeNetOptions {
  /** Host name → the addresses it resolves to; a function for answers that change (rebinding). */
  hosts?: Record<string, readonly string[] | (() => readonly string[])>;
  /** "address:port" the server connects to → the local port that plays it. */
  routes?: Record<string, number>;
  ca?: string[];
}

export interface FakeNet extends PreviewNet {
  /** Every name asked for, in order. */
  lookups: string[];
  /** Every address:port the fetcher tried to connect to, before any rerouting. */
  dials: string[];
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);

export function fakePreviewNet(options: FakeNetOptions = {}): FakeNet {
  const lookups: string[] = [];
  const dials: string[] = [];
  return {
    lookups,
    dials,
    ca: options.ca,
    async lookup(hostname) {
      if (isIP(hostname)) throw new Error(`the fetcher asked to resolve an IP literal: ${hostname}`);
      lookups.push(hostname);
      const entry = options.hosts?.[hostname];
      const addresses = typeof entry === 'function' ? entry() : entry;
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (test network)`), { code: 'ENOTFOUND' });
      return addresses.map((address) => ({ address }));
    },
    dial(address, port, timeoutMs) {
      const key = isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
      dials.push(key);
      const local = options.routes?.[key];
      if (local === undefined && !LOOPBACK.has(address)) {
        return Promise.reject(new Error(`test network: no route to ${key}`));
      }
      return new Promise<Socket>((resolve, reject) => {
        const socket = local === undefined ? connect({ host: address, port }) : connect({ host: '127.0.0.1', port: local });
        socket.setTimeout(timeoutMs, () => socket.destroy(new Error('connect timed out')));
        socket.once('error', reject);
        socket.once('connect', () => {
          socket.setTimeout(0);
          socket.removeListener('error', reject);
          resolve(socket);
        });
      });
    },
  };
}

/** The default for every test server: no names, loopback only (the allowlist decides whether that is reached). */
export const offlinePreviewNet = (): FakeNet => fakePreviewNet();
