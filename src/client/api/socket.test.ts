import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerEvent } from '../../shared/protocol/events.js';
import { CLOSE_SESSION_ENDED, CLOSE_TOO_MANY_TABS, LiveSocket, socketUrl, type ConnectionState } from './socket.js';

/** Just enough of a browser WebSocket for LiveSocket: the test plays the server. */
class FakeSocket {
  readyState = 0;
  sent: string[] = [];
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: ((close: { code: number }) => void) | null = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  receive(frame: unknown) {
    this.readyState = 1;
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const hello = { type: 'hello', userId: 1, presence: [{ userId: 2, status: 'active' }], presenceOverride: null };

function setUp() {
  const sockets: FakeSocket[] = [];
  const events: ServerEvent[] = [];
  const states: ConnectionState[] = [];
  const network = new EventTarget();
  const handlers = { event: (e: ServerEvent) => events.push(e), state: (s: ConnectionState) => states.push(s), sessionEnded: vi.fn(), refused: vi.fn(), tooManyTabs: vi.fn() };
  const live = new LiveSocket(handlers, {
    url: 'ws://chat.test/api/ws',
    open: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    network,
    random: () => 1,
  });
  return { live, sockets, events, states, network, handlers, last: () => sockets[sockets.length - 1] as FakeSocket };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('socketUrl', () => {
  it('follows the page: ws on http, wss on https, same host', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/api/ws');
    expect(socketUrl({ protocol: 'https:', host: 'chat.example' })).toBe('wss://chat.example/api/ws');
  });
});

describe('LiveSocket', () => {
  it('passes on frames that match the protocol and drops the rest', () => {
    const { live, last, events } = setUp();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    live.start();
    last().receive(hello);
    last().receive({ type: 'message.created', conversationId: 1, seq: 'two' });
    last().receive('{not json');
    last().receive({ type: 'typing', conversationId: 3, userId: 2 });
    expect(events.map((e) => e.type)).toEqual(['hello', 'typing']);
  });

  it('is open only once the server said hello, and sends commands only then', () => {
    const { live, last, states } = setUp();
    live.start();
    expect(live.send({ type: 'ping' })).toBe(false);
    last().receive(hello);
    expect(states).toEqual(['connecting', 'open']);
    expect(live.send({ type: 'typing.start', conversationId: 4 })).toBe(true);
    expect(last().sent).toEqual(['{"type":"typing.start","conversationId":4}']);
  });

  it('reconnects after a drop with a growing, capped delay, reset by a successful hello', () => {
    const { live, sockets, last, states } = setUp();
    live.start();
    last().receive(hello);
    last().drop();
    expect(states.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    last().drop();
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    for (let i = 0; i < 10; i++) {
      last().drop();
      vi.advanceTimersByTime(10_000);
    }
    expect(sockets).toHaveLength(13);
    last().receive(hello);
    last().drop();
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(14);
  });

  it('tries again at once when the browser says the network is back', () => {
    const { live, sockets, last, network } = setUp();
    live.start();
    last().drop();
    network.dispatchEvent(new Event('online'));
    expect(sockets).toHaveLength(2);
  });

  it('reports a connection refused before hello (an expired session, perhaps)', () => {
    const { live, last, handlers } = setUp();
    live.start();
    last().drop();
    expect(handlers.refused).toHaveBeenCalledTimes(1);
  });

  it('stops for good when the session ended', () => {
    const { live, sockets, last, handlers, states } = setUp();
    live.start();
    last().receive(hello);
    last().drop(CLOSE_SESSION_ENDED);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(handlers.sessionEnded).toHaveBeenCalledTimes(1);
    expect(states.at(-1)).toBe('closed');
  });

  it('stops for good when turned away for having too many tabs open', () => {
    const { live, sockets, last, handlers, states } = setUp();
    live.start();
    last().drop(CLOSE_TOO_MANY_TABS);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(handlers.tooManyTabs).toHaveBeenCalledTimes(1);
    expect(handlers.refused).not.toHaveBeenCalled();
    expect(states.at(-1)).toBe('closed');
  });

  it('does not reconnect after being stopped', () => {
    const { live, sockets, last } = setUp();
    live.start();
    last().receive(hello);
    live.stop();
    last().drop(1000);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});
