// The tab's one WebSocket (`/api/ws`). Every frame from the server is checked against the shared `ServerEvent`
// schema before anyone sees it; the socket reconnects by itself with a jittered, capped backoff. What a
// reconnect means for the data (catching up on missed events) is decided by the caller, on each `hello`.
import { Value } from 'typebox/value';
import { ServerEvent, type ClientCommand } from '../../shared/protocol/events.js';
import { reconnectDelay } from './backoff.js';

/** `connecting`: first attempt; `open`: the server said hello; `reconnecting`: lost, retrying; `closed`: stopped. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Close code the server uses when the socket's session ended (logout, password change). */
export const CLOSE_SESSION_ENDED = 4401;
/** Close code for one tab too many (the server's `max_sockets_per_user`): retrying would only be refused again. */
export const CLOSE_TOO_MANY_TABS = 4429;

export interface LiveSocketHandlers {
  event(event: ServerEvent): void;
  state(state: ConnectionState): void;
  /** The session behind the socket ended: reconnecting would be refused. */
  sessionEnded(): void;
  /** A connection closed before the server said hello (e.g. the session expired and the upgrade was refused). */
  refused?(): void;
  /** The server refused this tab because the person has too many open. */
  tooManyTabs?(): void;
}

export function socketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/ws`;
}

/** What the socket needs from the browser; tests pass fakes. */
export interface SocketEnvironment {
  url: string;
  open(url: string): WebSocket;
  /** Fires `online` when the network comes back. */
  network: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  random?: () => number;
}

/** `WebSocket.OPEN`, spelled out so the socket can be faked in tests without the class. */
const OPEN = 1;

export class LiveSocket {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  private greeted = false;
  private readonly environment: SocketEnvironment;

  constructor(
    private readonly handlers: LiveSocketHandlers,
    environment?: SocketEnvironment,
  ) {
    this.environment = environment ?? { url: socketUrl(location), open: (url) => new WebSocket(url), network: window };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.environment.network.addEventListener('online', this.retryNow);
    this.connect('connecting');
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.environment.network.removeEventListener('online', this.retryNow);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'bye');
    this.handlers.state('closed');
  }

  /** Sends a command if the socket is open; commands are hints (typing, presence), so dropping one is harmless. */
  send(command: ClientCommand): boolean {
    if (this.socket?.readyState !== OPEN || !this.greeted) return false;
    this.socket.send(JSON.stringify(command));
    return true;
  }

  private connect(state: ConnectionState): void {
    this.handlers.state(state);
    this.greeted = false;
    const socket = this.environment.open(this.environment.url);
    this.socket = socket;
    socket.onmessage = (message) => {
      if (socket !== this.socket) return;
      const event = parseFrame(message.data);
      if (!event) return;
      if (event.type === 'hello') {
        this.greeted = true;
        this.attempt = 0;
        this.handlers.state('open');
      }
      this.handlers.event(event);
    };
    socket.onclose = (close) => {
      if (socket !== this.socket) return;
      this.socket = null;
      if (this.stopped) return;
      if (close.code === CLOSE_SESSION_ENDED) {
        this.stopped = true;
        this.handlers.state('closed');
        this.handlers.sessionEnded();
        return;
      }
      if (close.code === CLOSE_TOO_MANY_TABS) {
        this.stopped = true;
        this.handlers.state('closed');
        this.handlers.tooManyTabs?.();
        return;
      }
      if (!this.greeted) this.handlers.refused?.();
      this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.handlers.state('reconnecting');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect('reconnecting'), reconnectDelay(this.attempt++, this.environment.random));
  }

  /** The browser says the network is back: try at once rather than waiting out the backoff. */
  private readonly retryNow = (): void => {
    if (this.stopped || this.socket) return;
    clearTimeout(this.retryTimer);
    this.connect('reconnecting');
  };
}

function parseFrame(data: unknown): ServerEvent | null {
  if (typeof data !== 'string') return null;
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    frame = undefined;
  }
  if (Value.Check(ServerEvent, frame)) return frame;
  console.warn('MiniMost: ignored a server frame that does not match the protocol', data.slice(0, 200));
  return null;
}
