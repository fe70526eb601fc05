import WebSocket from 'ws';
import { httpRequest } from './http.js';
import type { SeededUser } from './seed.js';

/*
 * The load generator's view of MiniMost: the same requests a browser tab makes (session cookie, Origin, CSRF
 * token from GET /api/session), over real HTTP (keep-alive, see http.ts) and real WebSockets (ws).
 */

export interface Endpoint {
  baseUrl: string;
  origin: string;
}

export interface Timed<T> {
  status: number;
  body: T;
  ms: number;
}

export class BenchSession {
  private csrfToken = '';
  private cookie: string;

  constructor(
    readonly endpoint: Endpoint,
    readonly user: SeededUser,
  ) {
    this.cookie = `mm_session=${user.token}`;
  }

  /** As a page does at boot: learns the CSRF token (and receives its cookie twin). */
  async boot(): Promise<void> {
    const response = await httpRequest(`${this.endpoint.baseUrl}/api/session`, 'GET', { cookie: this.cookie });
    const info = JSON.parse(response.text) as { user: unknown; csrfToken: string };
    if (info.user === null) throw new Error(`session of ${this.user.username} was not accepted`);
    const csrfCookie = response.headers['set-cookie']?.find((line) => line.startsWith('mm_csrf='));
    // A page loaded again sends the cookie it already holds, and the server then sets none: it is kept, as browsers do.
    if (csrfCookie) this.cookie = `mm_session=${this.user.token}; ${csrfCookie.split(';')[0] as string}`;
    else if (!this.cookie.includes('mm_csrf=')) throw new Error('GET /api/session set no mm_csrf cookie');
    this.csrfToken = info.csrfToken;
  }

  /** A request timed from the call until its whole body has been read (what a user waits for). */
  async request<T>(method: string, path: string, body?: unknown): Promise<Timed<T>> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') {
      headers.origin = this.endpoint.origin;
      headers['x-csrf-token'] = this.csrfToken;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const startedAt = performance.now();
    const response = await httpRequest(`${this.endpoint.baseUrl}${path}`, method, headers, body === undefined ? undefined : JSON.stringify(body));
    const ms = performance.now() - startedAt;
    return { status: response.status, body: (response.text ? JSON.parse(response.text) : null) as T, ms };
  }

  /** The id of a public channel, as the sidebar learns it. */
  async channelId(name: string): Promise<number> {
    const { body } = await this.request<{ conversations: { id: number; kind: string; name: string | null }[] }>('GET', '/api/conversations');
    const channel = body.conversations.find((c) => c.kind === 'public' && c.name === name);
    if (!channel) throw new Error(`#${name} not found`);
    return channel.id;
  }
}

export type FrameHandler = (frame: Buffer) => void;

const CONNECT_TIMEOUT_MS = 30_000;

/**
 * Opens `/api/ws` as the given user and resolves after the server's first frame (`hello`), which the server sends
 * once the socket is authenticated and registered for events. Every later frame goes to `onFrame` as raw bytes:
 * decoding them is left to the caller, because with thousands of sockets the load generator's own CPU matters.
 */
export function openSocket(endpoint: Endpoint, token: string, onFrame: FrameHandler): Promise<WebSocket> {
  const url = `${endpoint.baseUrl.replace(/^http/, 'ws')}/api/ws`;
  const socket = new WebSocket(url, {
    headers: { cookie: `mm_session=${token}`, origin: endpoint.origin },
    perMessageDeflate: false,
    skipUTF8Validation: true,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('WebSocket: no hello within 30 s'));
    }, CONNECT_TIMEOUT_MS);
    let greeted = false;
    socket.on('message', (data: Buffer) => {
      if (greeted) return onFrame(data);
      greeted = true;
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      if (!greeted) reject(err);
    });
    socket.once('close', (code) => {
      clearTimeout(timer);
      if (!greeted) reject(new Error(`WebSocket closed before hello (code ${code})`));
    });
  });
}

export interface Closable {
  terminate(): void;
}

/** openSocket, or another client with the same contract (resolves after `hello`, later frames to `onFrame`). */
export type SocketOpener<S extends Closable> = (endpoint: Endpoint, token: string, onFrame: FrameHandler) => Promise<S>;

/**
 * Opens one socket per user, `concurrency` handshakes in flight at a time, stopping early at `deadline`
 * (a performance.now() value). The result is indexed like `users` (null where no socket was opened). Failures
 * are counted, not thrown, so a limit shows up as a figure.
 */
export async function openSockets<S extends Closable = WebSocket>(
  endpoint: Endpoint,
  users: SeededUser[],
  onFrame: (userIndex: number, frame: Buffer) => void,
  options: { concurrency: number; deadline: number; offset?: number; open?: SocketOpener<S> },
): Promise<{ sockets: (S | null)[]; opened: number; failures: number; firstError: string | null }> {
  const sockets: (S | null)[] = users.map(() => null);
  const offset = options.offset ?? 0;
  const open = options.open ?? (openSocket as unknown as SocketOpener<S>);
  let opened = 0;
  let failures = 0;
  let firstError: string | null = null;
  let next = 0;
  async function worker(): Promise<void> {
    while (next < users.length && performance.now() < options.deadline) {
      const index = next++;
      try {
        sockets[index] = await open(endpoint, (users[index] as SeededUser).token, (frame) => onFrame(offset + index, frame));
        opened++;
      } catch (err) {
        failures++;
        firstError ??= (err as Error).message;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency, users.length) }, worker));
  return { sockets, opened, failures, firstError };
}

/**
 * Drops the load generator's sockets. Call it after stopping the server: closing thousands of sockets one by one
 * against a live server would make it announce each departure to everyone still connected, which is a scenario of
 * its own (mass reconnect), not clean-up.
 */
export function dropSockets(sockets: (Closable | null)[]): void {
  for (const socket of sockets) socket?.terminate();
}
