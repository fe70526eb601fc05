import WebSocket from 'ws';
import type { ChangesPage } from '../../../src/shared/protocol/events.js';
import type { Message } from '../../../src/shared/protocol/messages.js';
import type { HttpClient } from '../../support/http-client.js';
import { sleep } from './report.js';

/** What one person's app knows of one conversation. */
export interface ConversationView {
  conversationId: number;
  /** Where tracking began: the server history to compare with is what came after it. */
  startSeq: number;
  lastSeq: number;
  messages: Map<number, { id: number; seq: number; text: string | null }>;
  syncing: boolean;
  buffer: SeqEvent[];
}

interface SeqEvent {
  type: 'message.created' | 'message.updated' | 'message.deleted';
  conversationId: number;
  seq: number;
  message: Message;
}

export interface TrackingStats {
  connects: number;
  eventsApplied: number;
  /** Events already known (seen live and in a catch-up): ignored, never shown twice. */
  duplicatesIgnored: number;
  /** Catch-ups through `/changes?after=`, after a gap or a reconnect. */
  catchUps: number;
  resets: number;
  closeCodes: Record<string, number>;
}

/**
 * A headless MiniMost tab that follows the client's rules (docs/api.md, "WebSocket"): apply an event when its seq
 * is the next one, ignore what was seen, and after a gap or a reconnect ask `/changes?after=<last seq>`. Lighter
 * than `WsClient` (no schema check per frame), so hundreds can run in one process. It reconnects by itself until
 * `stop()`, with a short random delay, as the real client's backoff does.
 */
export class TrackingClient {
  readonly views = new Map<number, ConversationView>();
  readonly stats: TrackingStats = { connects: 0, eventsApplied: 0, duplicatesIgnored: 0, catchUps: 0, resets: 0, closeCodes: {} };
  socket: WebSocket | null = null;
  private stopped = false;
  private opening: Promise<void> | null = null;
  /** Called for every frame (typing, presence…) for suites that count them. */
  onFrame: ((frame: { type: string }) => void) | null = null;

  constructor(
    readonly http: HttpClient,
    readonly reconnectDelayMs: () => number = () => 50 + Math.random() * 250,
  ) {}

  /** Starts following these conversations from where they are now. */
  async track(conversationIds: readonly number[]): Promise<void> {
    const { conversations } = (await (await this.http.get('/api/conversations')).json()) as { conversations: { id: number; lastSeq: number }[] };
    for (const id of conversationIds) {
      const lastSeq = conversations.find((c) => c.id === id)?.lastSeq;
      if (lastSeq === undefined) throw new Error(`conversation ${id} is not visible to this user`);
      this.views.set(id, { conversationId: id, startSeq: lastSeq, lastSeq, messages: new Map(), syncing: false, buffer: [] });
    }
  }

  connect(): Promise<void> {
    this.opening ??= this.open().finally(() => (this.opening = null));
    return this.opening;
  }

  private async open(): Promise<void> {
    while (!this.stopped) {
      const opened = await new Promise<boolean>((resolve) => {
        const cookie = [...this.http.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        const socket = new WebSocket(`${this.http.baseUrl.replace(/^http/, 'ws')}/api/ws`, { headers: { cookie, origin: this.http.baseUrl }, handshakeTimeout: 5_000 });
        let hello = false;
        socket.on('message', (data) => {
          const frame = JSON.parse(data.toString()) as { type: string };
          if (frame.type === 'hello' && !hello) {
            hello = true;
            this.socket = socket;
            this.stats.connects++;
            resolve(true);
            // Whatever happened while we were away comes from the database.
            for (const view of this.views.values()) void this.catchUp(view);
            return;
          }
          this.onFrame?.(frame);
          if (frame.type === 'message.created' || frame.type === 'message.updated' || frame.type === 'message.deleted') this.receive(frame as SeqEvent);
        });
        socket.on('close', (code) => {
          this.stats.closeCodes[code] = (this.stats.closeCodes[code] ?? 0) + 1;
          if (this.socket === socket) this.socket = null;
          if (!hello) resolve(false);
          else if (!this.stopped) setTimeout(() => void this.connect(), this.reconnectDelayMs());
        });
        socket.on('error', () => undefined);
      });
      if (opened) return;
      await sleep(this.reconnectDelayMs());
    }
  }

  /** Cuts the connection without a close frame, as a dropped network does. */
  terminate(): void {
    this.socket?.terminate();
  }

  /** Stops reading from the socket for a while (a stalled network); the kernel and the server buffer meanwhile. */
  async stall(ms: number): Promise<void> {
    const raw = (this.socket as unknown as { _socket?: { pause(): void; resume(): void } } | null)?._socket;
    raw?.pause();
    await sleep(ms);
    raw?.resume();
  }

  send(frame: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const socket = this.socket;
    if (!socket) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000);
      setTimeout(() => {
        socket.terminate();
        resolve();
      }, 2_000).unref();
    });
  }

  private receive(event: SeqEvent): void {
    const view = this.views.get(event.conversationId);
    if (!view) return;
    if (view.syncing) {
      view.buffer.push(event);
      return;
    }
    if (event.seq <= view.lastSeq) {
      this.stats.duplicatesIgnored++;
      return;
    }
    if (event.seq === view.lastSeq + 1) {
      this.apply(view, event);
      view.lastSeq = event.seq;
      return;
    }
    view.buffer.push(event);
    void this.catchUp(view);
  }

  private apply(view: ConversationView, event: SeqEvent): void {
    const { message } = event;
    view.messages.set(message.id, { id: message.id, seq: message.seq, text: message.text });
    this.stats.eventsApplied++;
  }

  /** Asks the server what changed since the last seq this view applied, then replays what arrived meanwhile. */
  private async catchUp(view: ConversationView): Promise<void> {
    if (view.syncing) return;
    view.syncing = true;
    try {
      for (;;) {
        let page: ChangesPage;
        try {
          const response = await this.http.get(`/api/conversations/${view.conversationId}/changes?after=${view.lastSeq}`);
          if (response.status !== 200) throw new Error(`changes: ${response.status}`);
          page = (await response.json()) as ChangesPage;
        } catch {
          if (this.stopped) return;
          await sleep(100); // the server is restarting
          continue;
        }
        this.stats.catchUps++;
        if (page.reset) {
          this.stats.resets++;
          throw new Error(`conversation ${view.conversationId}: more than the server replays was missed`);
        }
        // Each in its current state; all after `lastSeq`, since live events wait in the buffer meanwhile.
        for (const event of page.events) this.apply(view, event);
        view.lastSeq = Math.max(view.lastSeq, page.lastSeq, ...page.events.map((e) => e.seq));
        break;
      }
    } finally {
      view.syncing = false;
    }
    const buffered = view.buffer.sort((a, b) => a.seq - b.seq);
    view.buffer = [];
    for (const event of buffered) this.receive(event);
  }
}

/** The history a view must hold: every message after its start, in its current state. */
export interface StoredMessage {
  id: number;
  seq: number;
  text: string | null;
}

/** Differences between what a view holds and what the server stored, both in seq order; empty when they agree. */
export function compareView(view: ConversationView, stored: readonly StoredMessage[], lastSeq: number): string[] {
  const problems: string[] = [];
  const expected = stored.filter((m) => m.seq > view.startSeq);
  const held = [...view.messages.values()].filter((m) => m.seq > view.startSeq).sort((a, b) => a.seq - b.seq);
  if (view.lastSeq !== lastSeq) problems.push(`last seq ${view.lastSeq}, server ${lastSeq}`);
  const key = (m: StoredMessage) => `${m.id}@${m.seq}:${m.text === null ? '(deleted)' : m.text}`;
  const want = expected.map(key);
  const have = held.map(key);
  const haveSet = new Set(have);
  const wantSet = new Set(want);
  const missing = want.filter((k) => !haveSet.has(k));
  const extra = have.filter((k) => !wantSet.has(k));
  if (missing.length > 0) problems.push(`missing ${missing.length}: ${missing.slice(0, 3).join(', ')}`);
  if (extra.length > 0) problems.push(`extra or stale ${extra.length}: ${extra.slice(0, 3).join(', ')}`);
  return problems;
}
