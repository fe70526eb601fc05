import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type WebSocket from 'ws';
import { BenchSession, openSocket, type Endpoint, type Timed } from '../lib/client.js';
import type { SeededUser } from '../lib/seed.js';
import { seededRandom } from '../lib/seed.js';
import { sentence, TEAM_WORDS } from '../lib/team-seed.js';
import { ACTION_NAMES, ACTIONS, BOOT, cumulative, LIVE_READ, Outcome, pickWeighted, thinkTimeMs, type ActionName } from '../lib/user-mix.js';

/*
 * Scenario 8's simulated people, run in a worker thread so that several cores can drive the server. Each one does
 * what the web app does (src/client): boot (session, conversation list, preferences, socket, list again after
 * `hello`, newest page of #general), then think, act, think… Every HTTP request (and socket handshake) is timed and
 * sent to the main thread as [completed at (s), action, ms, outcome]; nothing is decoded that the ramp does not need.
 */

export interface WorkerInput {
  endpoint: Endpoint;
  seed: number;
}

export type ToWorker = { type: 'add'; users: SeededUser[] } | { type: 'stop' };

export type FromWorker =
  | {
      type: 'records';
      records: Float64Array;
      actions: number[];
      active: number;
      utilization: number;
      /** Most HTTP requests this worker had waiting for an answer at once since the last batch: bursts show here. */
      peakInFlight: number;
      firstErrors: string[];
    }
  | { type: 'stopped' };

const input = workerData as WorkerInput;
if (!parentPort) throw new Error('supported-users-worker runs as a worker thread');
const port = parentPort;

const random = seededRandom(input.seed);
const mix = cumulative(ACTIONS.map(([, weight]) => weight));
const actionIndex = new Map(ACTION_NAMES.map((name, i) => [name, i]));
const index = (name: string) => actionIndex.get(name) as number;
const EMOJI = ['👍', '😂', '🎉', '👀', '🙏', '🔥'];
/** Share of conversation switches per kind (not from Mattermost, whose channels are not joined by everyone). */
const SWITCH_SHARE = { public: 0.2, private: 0.5, dm: 0.3 };
/**
 * Chance that the tab is in view between two actions (drawn again after each). The web app marks a message read
 * on arrival only when its page is visible (view-state.ts, isWatchingLatest); half the time is an assumption.
 */
const TAB_VISIBLE = 0.5;
const now = () => (performance.timeOrigin + performance.now()) / 1000;

let records = new Float64Array(4096);
let recordCount = 0;
const actionCounts = ACTION_NAMES.map(() => 0);
const firstErrors: string[] = [];
let stopping = false;
let inFlight = 0;
let peakInFlight = 0;
const people = new Set<Person>();

function record(action: number, ms: number, outcome: Outcome, error?: string): void {
  if (stopping) return;
  if (recordCount + 4 > records.length) {
    const bigger = new Float64Array(records.length * 2);
    bigger.set(records);
    records = bigger;
  }
  records.set([now(), action, ms, outcome], recordCount);
  recordCount += 4;
  if (error && firstErrors.length < 5) firstErrors.push(`${ACTION_NAMES[action]}: ${error}`);
}

interface Conversation {
  id: number;
  kind: 'public' | 'private' | 'dm';
  lastSeq: number;
  readSeq: number;
}

interface Held {
  id: number;
  seq: number;
}

interface Page {
  messages: { id: number; seq: number; authorId: number | null }[];
  hasMore: boolean;
  lastSeq: number;
}

const CREATED = /^\{"type":"message\.created","conversationId":(\d+),"seq":(\d+),"message":\{"id":(\d+)/;

class Person {
  private readonly session: BenchSession;
  private socket: WebSocket | null = null;
  private conversations: Conversation[] = [];
  private usernames: string[] = [];
  private current: Conversation | null = null;
  /** The messages of the open conversation the screen holds (newest last), for replies, reactions, permalinks. */
  private held: Held[] = [];
  private oldestSeq = 0;
  private hasOlder = false;
  /** Scrolled up: new messages arrive below and are not read yet (the web app marks read only at the bottom). */
  private atBottom = true;
  private marking = false;
  private visible = true;
  private readonly mine: number[] = [];
  private wake: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly user: SeededUser) {
    this.session = new BenchSession(input.endpoint, user);
  }

  async run(): Promise<void> {
    await this.boot(index(BOOT));
    while (!stopping) {
      await this.sleep(thinkTimeMs(random()));
      if (stopping) break;
      const [name] = ACTIONS[pickWeighted(mix, random())] as (typeof ACTIONS)[number];
      const action = index(name);
      actionCounts[action]!++;
      this.visible = true;
      await this.act(name, action);
      this.visible = random() < TAB_VISIBLE;
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    this.socket?.terminate();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }

  private async request<T>(action: number, method: string, path: string, body?: unknown): Promise<T | null> {
    const startedAt = performance.now();
    let answer: Timed<T>;
    peakInFlight = Math.max(peakInFlight, ++inFlight);
    try {
      answer = await this.session.request<T>(method, path, body);
    } catch (err) {
      const message = (err as Error).message;
      record(action, performance.now() - startedAt, /no answer within/.test(message) ? Outcome.Timeout : Outcome.Error, `${method} ${path}: ${message}`);
      return null;
    } finally {
      inFlight--;
    }
    const ok = answer.status >= 200 && answer.status < 300;
    record(action, answer.ms, ok ? Outcome.Ok : Outcome.Error, ok ? undefined : `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 120)}`);
    return ok ? answer.body : null;
  }

  private async boot(action: number): Promise<void> {
    const startedAt = performance.now();
    try {
      await this.session.boot();
      record(action, performance.now() - startedAt, Outcome.Ok);
    } catch (err) {
      record(action, performance.now() - startedAt, Outcome.Error, `GET /api/session: ${(err as Error).message}`);
      return;
    }
    await this.loadList(action);
    await this.request(action, 'GET', '/api/preferences');
    await this.connect(action);
    const general = this.conversations.find((c) => c.kind === 'public');
    if (general) await this.open(action, general);
  }

  private async connect(action: number): Promise<void> {
    this.socket?.terminate();
    this.socket = null;
    const startedAt = performance.now();
    try {
      this.socket = await openSocket(input.endpoint, this.user.token, (frame) => this.onFrame(frame));
      record(action, performance.now() - startedAt, Outcome.Ok);
    } catch (err) {
      const message = (err as Error).message;
      record(action, performance.now() - startedAt, /no hello within/.test(message) ? Outcome.Timeout : Outcome.Error, `/api/ws: ${message}`);
      return;
    }
    if (stopping) this.socket.terminate();
    // After `hello` the web app says which conversation it shows, loads the list again (resync), then catches up the
    // open conversation.
    this.tellView();
    await this.loadList(action);
    if (this.current) await this.request(action, 'GET', `/api/conversations/${this.current.id}/changes?after=${this.current.lastSeq}`);
  }

  /** The web app's `view`: typing reaches this tab only for the conversation it shows. */
  private tellView(): void {
    this.socket?.send(JSON.stringify({ type: 'view', conversationId: this.current?.id ?? null }));
  }

  private async loadList(action: number): Promise<void> {
    type List = { conversations: Conversation[]; users: { id: number; username: string }[] };
    const list = await this.request<List>(action, 'GET', '/api/conversations');
    if (!list) return;
    this.conversations = list.conversations.map(({ id, kind, lastSeq, readSeq }) => ({ id, kind, lastSeq, readSeq }));
    this.usernames = list.users.map((u) => u.username);
    if (this.current) this.current = this.conversations.find((c) => c.id === this.current?.id) ?? null;
  }

  /** Opening a conversation: its newest page, then the read position moved to its end if it was behind. */
  private async open(action: number, conversation: Conversation): Promise<void> {
    const page = await this.request<Page>(action, 'GET', `/api/conversations/${conversation.id}/messages`);
    if (!page) return;
    this.current = conversation;
    this.tellView();
    this.held = page.messages.map(({ id, seq }) => ({ id, seq }));
    this.oldestSeq = page.messages[0]?.seq ?? 0;
    this.hasOlder = page.hasMore;
    this.atBottom = true;
    conversation.lastSeq = Math.max(conversation.lastSeq, page.lastSeq);
    if (conversation.readSeq < conversation.lastSeq) await this.markRead(action, conversation.lastSeq);
  }

  private async markRead(action: number, seq: number): Promise<void> {
    const conversation = this.current;
    if (!conversation || this.marking) return;
    this.marking = true;
    const answer = await this.request<{ readSeq: number }>(action, 'POST', `/api/conversations/${conversation.id}/read`, { seq });
    if (answer) conversation.readSeq = Math.max(conversation.readSeq, answer.readSeq);
    this.marking = false;
  }

  private onFrame(frame: Buffer): void {
    if (frame[9] !== 0x6d /* {"type":"m… */) return;
    const match = CREATED.exec(frame.toString('latin1', 0, 100));
    if (!match) return;
    const [conversationId, seq, id] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const conversation = this.conversations.find((c) => c.id === conversationId);
    if (conversation) conversation.lastSeq = Math.max(conversation.lastSeq, seq);
    if (conversation !== this.current || !conversation || !this.atBottom || !this.visible) return;
    this.held.push({ id, seq });
    if (this.held.length > 200) this.held.splice(0, this.held.length - 200);
    // The open conversation, scrolled to the bottom: the web app marks the new message read at once.
    if (conversation.readSeq < seq) void this.markRead(index(LIVE_READ), seq);
  }

  private pickConversation(kinds: readonly Conversation['kind'][]): Conversation | null {
    const shares = kinds.map((kind) => (this.conversations.some((c) => c.kind === kind && c !== this.current) ? SWITCH_SHARE[kind] : 0));
    if (shares.every((s) => s === 0)) return null;
    const kind = kinds[pickWeighted(cumulative(shares), random())] as Conversation['kind'];
    const candidates = this.conversations.filter((c) => c.kind === kind && c !== this.current);
    return candidates[Math.floor(random() * candidates.length)] ?? null;
  }

  private pickHeld(): Held | null {
    return this.held[Math.floor(random() * this.held.length)] ?? null;
  }

  private async act(name: ActionName, action: number): Promise<void> {
    const current = this.current;
    switch (name) {
      case 'switch conversation':
      case 'open DM': {
        const next = this.pickConversation(name === 'open DM' ? ['dm'] : ['public', 'private', 'dm']);
        if (next) await this.open(action, next);
        return;
      }
      case 'scroll history': {
        // load-test-ng scrolls a few pages back; the web app loads the page before the oldest message held.
        const pages = 1 + Math.floor(random() * 3);
        for (let i = 0; i < pages && current && this.hasOlder && !stopping; i++) {
          const page = await this.request<Page>(action, 'GET', `/api/conversations/${current.id}/messages?before=${this.oldestSeq}`);
          if (!page || this.current !== current) return;
          this.oldestSeq = page.messages[0]?.seq ?? this.oldestSeq;
          this.hasOlder = page.hasMore;
          this.held.unshift(...page.messages.map(({ id, seq }) => ({ id, seq })));
          this.atBottom = false;
        }
        return;
      }
      case 'check unread':
        await this.loadList(action);
        return;
      case 'post': {
        if (!current) return;
        // Typing: the composer sends typing.start at most every 3 s while keys are pressed.
        const typingMs = 2000 + random() * 6000;
        for (let typed = 0; typed < typingMs && !stopping; typed += 3000) {
          this.socket?.send(JSON.stringify({ type: 'typing.start', conversationId: current.id }));
          await this.sleep(Math.min(3000, typingMs - typed));
        }
        if (stopping || this.current !== current) return;
        // load-test-ng: 85 % of posts are replies, 2 % mention someone.
        const parent = random() < 0.85 ? this.pickHeld() : null;
        const mention = random() < 0.02 && this.usernames.length > 0 ? ` @${this.usernames[Math.floor(random() * this.usernames.length)]}` : '';
        const text = sentence(random, 1 + Math.floor(random() * 69)) + mention;
        const clientId = `u${this.user.id}-${Math.floor(random() * 2 ** 48).toString(36)}`;
        const answer = await this.request<{ message: { id: number } }>(action, 'POST', `/api/conversations/${current.id}/messages`, {
          clientId,
          text,
          ...(parent ? { replyToId: parent.id } : {}),
        });
        if (answer) {
          this.mine.push(answer.message.id);
          if (this.mine.length > 5) this.mine.shift();
        }
        return;
      }
      case 'view mentions':
        await this.request(action, 'GET', '/api/mentions');
        return;
      case 'open permalink': {
        const target = this.pickHeld();
        if (current && target) await this.request(action, 'GET', `/api/conversations/${current.id}/messages?around=${target.id}`);
        return;
      }
      case 'reconnect':
        await this.connect(action);
        return;
      case 'react': {
        const target = this.pickHeld();
        const emoji = EMOJI[Math.floor(random() * EMOJI.length)] as string;
        if (target) await this.request(action, 'PUT', `/api/messages/${target.id}/reactions/${encodeURIComponent(emoji)}`);
        return;
      }
      case 'edit': {
        const own = this.mine[this.mine.length - 1];
        if (own !== undefined) await this.request(action, 'PATCH', `/api/messages/${own}`, { text: `${sentence(random, 1 + Math.floor(random() * 30))} (edited)` });
        return;
      }
      case 'search': {
        // As a person would: words they can search for (the server asks for at least 2 characters).
        const searchable = TEAM_WORDS.filter((word) => word.length >= 3);
        const words = 1 + Math.floor(random() * 2);
        const q = Array.from({ length: words }, () => searchable[Math.floor(random() * searchable.length)]).join(' ');
        await this.request(action, 'GET', `/api/search?q=${encodeURIComponent(q)}`);
        return;
      }
      case 'full reload':
        await this.boot(action);
        return;
    }
  }
}

function flush(utilizationSince: EventLoopUtilization): EventLoopUtilization {
  const sample = performance.eventLoopUtilization();
  const batch = records.slice(0, recordCount);
  const message: FromWorker = {
    type: 'records',
    records: batch,
    actions: actionCounts.splice(0, actionCounts.length, ...ACTION_NAMES.map(() => 0)),
    active: people.size,
    utilization: performance.eventLoopUtilization(sample, utilizationSince).utilization,
    peakInFlight,
    firstErrors: firstErrors.splice(0),
  };
  recordCount = 0;
  peakInFlight = inFlight;
  port.postMessage(message, [batch.buffer as ArrayBuffer]);
  return sample;
}

let lastSample = performance.eventLoopUtilization();
const flushTimer = setInterval(() => (lastSample = flush(lastSample)), 500);

port.on('message', (message: ToWorker) => {
  if (message.type === 'add') {
    for (const user of message.users) {
      const person = new Person(user);
      people.add(person);
      person.run().catch((err: unknown) => record(index(BOOT), 0, Outcome.Error, `unexpected: ${(err as Error).stack ?? String(err)}`));
    }
  } else {
    lastSample = flush(lastSample);
    stopping = true;
    clearInterval(flushTimer);
    for (const person of people) person.stop();
    port.postMessage({ type: 'stopped' } satisfies FromWorker);
  }
});
