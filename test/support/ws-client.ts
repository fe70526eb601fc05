import { Compile } from 'typebox/compile';
import WebSocket from 'ws';
import { ServerEvent } from '../../src/shared/protocol/events.js';
import type { HttpClient } from './http-client.js';

export type EventType = ServerEvent['type'];
export type EventOf<K extends EventType> = Extract<ServerEvent, { type: K }>;

/** `event('message.created', (e) => e.message.text === 'hi')`: a typed predicate for `waitFor` and friends. */
export function event<K extends EventType>(type: K, where: (frame: EventOf<K>) => boolean = () => true): (frame: ServerEvent) => frame is EventOf<K> {
  return (frame): frame is EventOf<K> => frame.type === type && where(frame as EventOf<K>);
}

/** A `presence` batch that changes this user's status (to `status`, when given). */
export function presenceChange(userId: number, status?: string): (frame: ServerEvent) => frame is EventOf<'presence'> {
  return event('presence', (e) => e.changes.some((c) => c.userId === userId && (status === undefined || c.status === status)));
}

const checkFrame = Compile(ServerEvent);
const DEFAULT_WAIT_MS = 3_000;

export interface Closed {
  code: number;
  reason: string;
}

interface Waiter {
  predicate: (frame: ServerEvent) => boolean;
  resolve: (frame: ServerEvent) => void;
}

function wsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/api/ws`;
}

/**
 * One browser tab's WebSocket: opened with the person's cookies and the Origin a browser sends, it keeps every
 * frame the server pushed (checked against the protocol schema) so tests can wait for one or prove one never came.
 */
export class WsClient {
  readonly frames: ServerEvent[] = [];
  /** Frames that did not match the `ServerEvent` schema: any is a contract bug, reported by the next wait. */
  readonly invalidFrames: unknown[] = [];
  readonly closed: Promise<Closed>;
  private waiters = new Set<Waiter>();
  private closedWith: Closed | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      let frame: unknown;
      try {
        frame = isBinary ? data : JSON.parse(data.toString());
      } catch {
        frame = data.toString();
      }
      if (!checkFrame.Check(frame)) {
        this.invalidFrames.push(frame);
        return;
      }
      this.frames.push(frame);
      for (const waiter of this.waiters) {
        if (waiter.predicate(frame)) {
          this.waiters.delete(waiter);
          waiter.resolve(frame);
        }
      }
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.closedWith = { code, reason: reason.toString() };
        resolve(this.closedWith);
      });
    });
    // Errors after the handshake (a reset connection) surface as a close; keep them from crashing the run.
    socket.on('error', () => undefined);
  }

  /** Opens a tab for the person signed in on `http`, resolving once the server's `hello` arrived. */
  static async connect(http: HttpClient, options: { origin?: string | null; timeoutMs?: number } = {}): Promise<WsClient> {
    const attempt = await WsClient.attempt(http, options);
    if (!(attempt instanceof WsClient)) throw new Error(`WebSocket refused with HTTP ${attempt.status}: ${attempt.body}`);
    await attempt.waitFor(event('hello'), options.timeoutMs ?? DEFAULT_WAIT_MS);
    return attempt;
  }

  /** Like `connect`, but a refused handshake resolves with its HTTP answer instead of throwing. */
  static attempt(http: HttpClient, options: { origin?: string | null } = {}): Promise<WsClient | { status: number; body: string }> {
    const origin = options.origin === undefined ? http.origin : options.origin;
    const headers: Record<string, string> = {};
    if (http.cookies.size > 0) headers.cookie = http.cookieHeader();
    if (origin !== null) headers.origin = origin;
    const socket = new WebSocket(wsUrl(http.baseUrl), { headers, handshakeTimeout: DEFAULT_WAIT_MS });
    const client = new WsClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => {
          socket.terminate();
          resolve({ status: response.statusCode ?? 0, body });
        });
      });
      socket.once('error', reject);
    });
  }

  /** The first frame (already received or still to come) matching `predicate`; fails after `timeoutMs`. */
  waitFor<T extends ServerEvent>(predicate: (frame: ServerEvent) => frame is T, timeoutMs?: number): Promise<T>;
  waitFor(predicate: (frame: ServerEvent) => boolean, timeoutMs?: number): Promise<ServerEvent>;
  waitFor(predicate: (frame: ServerEvent) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<ServerEvent> {
    this.assertValidFrames();
    const seen = this.frames.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const recent = this.frames.slice(-10).map((f) => JSON.stringify(f));
        const state = this.closedWith ? ` (socket closed: ${this.closedWith.code})` : '';
        reject(new Error(`no matching frame within ${timeoutMs} ms${state}; last frames:\n  ${recent.join('\n  ')}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Waits until `count` frames matching `predicate` have arrived; returns all of them. */
  async waitForCount(predicate: (frame: ServerEvent) => boolean, count: number, timeoutMs = DEFAULT_WAIT_MS): Promise<ServerEvent[]> {
    let seen = 0;
    await this.waitFor((frame) => predicate(frame) && ++seen >= count, timeoutMs);
    return this.received(predicate);
  }

  /**
   * Proves `unwanted` never arrived without sleeping blindly: waits for `marker`, an event caused *after* the
   * unwanted one would have been sent. The server writes frames to one socket in order, so once the marker is
   * here anything published before it would be here too.
   */
  async expectNothingBefore(
    unwanted: (frame: ServerEvent) => boolean,
    marker: (frame: ServerEvent) => boolean,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<void> {
    await this.waitFor(marker, options.timeoutMs ?? DEFAULT_WAIT_MS);
    this.expectNone(unwanted, options.since);
  }

  /** The position of the next frame, to check only what arrives after this point (`since`). */
  mark(): number {
    return this.frames.length;
  }

  /**
   * For the rare case with no marker to wait for: watches for `ms` and fails as soon as `unwanted` arrives.
   * Prefer `expectNothingBefore`.
   */
  async expectNothing(unwanted: (frame: ServerEvent) => boolean, ms = 200): Promise<void> {
    this.expectNone(unwanted);
    let arrived: ServerEvent | null = null;
    try {
      arrived = await this.waitFor(unwanted, ms);
    } catch {
      // Nothing came: what we hoped for.
    }
    if (arrived) throw new Error(`unexpected frame: ${JSON.stringify(arrived)}`);
    this.assertValidFrames();
  }

  /** Fails if a frame matching `unwanted` has been received so far (or since a `mark()`). */
  expectNone(unwanted: (frame: ServerEvent) => boolean, since = 0): void {
    this.assertValidFrames();
    const found = this.frames.slice(since).filter(unwanted);
    if (found.length > 0) throw new Error(`unexpected frame(s): ${found.map((f) => JSON.stringify(f)).join(', ')}`);
  }

  /** Every frame received so far that matches `predicate`. */
  received<T extends ServerEvent>(predicate: (frame: ServerEvent) => frame is T): T[];
  received(predicate: (frame: ServerEvent) => boolean): ServerEvent[];
  received(predicate: (frame: ServerEvent) => boolean): ServerEvent[] {
    this.assertValidFrames();
    return this.frames.filter(predicate);
  }

  /** Sends a client command as JSON (or a raw string/binary frame, to test bad input). */
  send(command: unknown): void {
    this.socket.send(typeof command === 'string' || Buffer.isBuffer(command) ? command : JSON.stringify(command));
  }

  /** A clean close from this side; resolves when the server acknowledged it. */
  async close(): Promise<Closed> {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close(1000);
    return this.closed;
  }

  /** Simulates a dropped connection (lid closed, Wi-Fi lost): the TCP socket goes away with no close frame. */
  terminate(): Promise<Closed> {
    this.socket.terminate();
    return this.closed;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  private assertValidFrames(): void {
    if (this.invalidFrames.length > 0) {
      throw new Error(`server sent frame(s) outside the ServerEvent schema: ${this.invalidFrames.map((f) => JSON.stringify(f)).join(', ')}`);
    }
  }
}

/** Any frame about this conversation: its messages, reads, typing, or the conversation itself. */
export function about(conversationId: number): (frame: ServerEvent) => boolean {
  return (frame) =>
    ('conversationId' in frame && frame.conversationId === conversationId) ||
    (frame.type === 'conversation.updated' && frame.conversation.id === conversationId);
}

/** The `message.created` frame for this message id (a typical marker for `expectNothingBefore`). */
export function created(messageId: number): (frame: ServerEvent) => frame is EventOf<'message.created'> {
  return event('message.created', (e) => e.message.id === messageId);
}
