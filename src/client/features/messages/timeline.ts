// One conversation's messages as this tab knows them, and the sequence rules that keep them exact (docs/api.md,
// "WebSocket"): every change in a conversation takes the next `seq`; an event is applied only when it is the next
// one expected, ignored when already seen, and a gap is filled from `GET …/changes?after=`. Pure functions over
// immutable values, so every rule is unit-tested without a server or a DOM.
import type { ChangesPage, ServerEvent } from '../../../shared/protocol/events.js';
import type { HistoryPage, Message, ReplyPreview } from '../../../shared/protocol/messages.js';

export type MessageEvent = Extract<ServerEvent, { type: 'message.created' | 'message.updated' | 'message.deleted' }>;

/** A message this tab sent that the server has not confirmed yet, keyed by its client id. */
export interface PendingMessage {
  clientId: string;
  authorId: number;
  text: string;
  replyTo: ReplyPreview | null;
  createdAt: number;
}

export interface Timeline {
  /** Confirmed messages, oldest first: one unbroken stretch of the conversation's history. */
  messages: readonly Message[];
  pending: readonly PendingMessage[];
  /** Seq of the last event applied; null until the first page arrives (events meanwhile are left to a catch-up). */
  appliedSeq: number | null;
  /** Highest event seq seen on the socket, so events that arrived while loading are not lost. */
  seenSeq: number;
  /** A page answered as of an older seq than `appliedSeq`: changes after this seq must be fetched again. */
  recheckAfter: number | null;
  /** Older messages exist before the first one held. */
  hasOlder: boolean;
  /** Newer messages exist after the last one held: the stretch is an older window (after a jump), not the live end. */
  hasNewer: boolean;
  /** Each member's read position and arrival, for read receipts. */
  readPositions: ReadonlyMap<number, ReadPosition>;
}

export interface ReadPosition {
  seq: number;
  joinedAt: number;
}

export type EventOutcome = 'applied' | 'duplicate' | 'gap' | 'deferred';

export function emptyTimeline(): Timeline {
  return { messages: [], pending: [], appliedSeq: null, seenSeq: 0, recheckAfter: null, hasOlder: false, hasNewer: false, readPositions: new Map() };
}

/** The newest page replaces what was held (first open, a reset, or a jump back to the latest). */
export function withNewestPage(timeline: Timeline, page: HistoryPage): Timeline {
  const confirmed = new Set(page.messages.map((m) => m.clientId).filter(Boolean));
  return {
    ...timeline,
    messages: page.messages,
    pending: timeline.pending.filter((p) => !confirmed.has(p.clientId)),
    appliedSeq: page.lastSeq,
    seenSeq: Math.max(timeline.seenSeq, page.lastSeq),
    recheckAfter: null,
    hasOlder: page.hasMore,
    hasNewer: false,
    readPositions: readPositionsOf(page),
  };
}

/** An older page (`?before=<oldest seq>`), joined on in front. */
export function withOlderPage(timeline: Timeline, page: HistoryPage): Timeline {
  const first = timeline.messages[0];
  const older = first ? page.messages.filter((m) => m.seq < first.seq) : page.messages;
  return staleCheck({ ...timeline, messages: [...older, ...timeline.messages], hasOlder: page.hasMore }, page.lastSeq);
}

/**
 * A page around one message (`?around=<id>`, to show a reply's parent or a search result). When it overlaps what is
 * held the two are joined; otherwise it replaces it, and the timeline becomes a window away from the live end
 * (`hasNewer`). As a conversation's first page it starts the timeline, like the newest page would.
 */
export function withPageAround(timeline: Timeline, page: HistoryPage): Timeline {
  if (timeline.appliedSeq === null) {
    return { ...withNewestPage(timeline, page), hasNewer: page.hasNewer };
  }
  const held = timeline.messages;
  const first = held[0];
  const last = held[held.length - 1];
  const pageLast = page.messages[page.messages.length - 1];
  const pageFirst = page.messages[0];
  const overlaps = first !== undefined && last !== undefined && pageLast !== undefined && pageLast.seq >= first.seq;
  const reachesEnd = !page.hasNewer && !timeline.hasNewer;
  if (!first || !last || !pageFirst || !pageLast || !(overlaps || reachesEnd)) {
    return staleCheck(
      { ...timeline, messages: page.messages, hasOlder: page.hasMore, hasNewer: page.hasNewer },
      page.lastSeq,
    );
  }
  const byId = new Map(held.map((m) => [m.id, m]));
  for (const message of page.messages) if (!byId.has(message.id)) byId.set(message.id, message);
  const messages = [...byId.values()].sort((a, b) => a.seq - b.seq);
  return staleCheck(
    {
      ...timeline,
      messages,
      hasOlder: pageFirst.seq < first.seq ? page.hasMore : timeline.hasOlder,
      hasNewer: pageLast.seq > last.seq ? page.hasNewer : timeline.hasNewer,
    },
    page.lastSeq,
  );
}

/** Applies a live event if it is the next one; reports duplicates and gaps without applying them. */
export function applyEvent(timeline: Timeline, event: MessageEvent): { timeline: Timeline; outcome: EventOutcome } {
  const seenSeq = Math.max(timeline.seenSeq, event.seq);
  if (timeline.appliedSeq === null) return { timeline: { ...timeline, seenSeq }, outcome: 'deferred' };
  if (event.seq <= timeline.appliedSeq) return { timeline, outcome: 'duplicate' };
  if (event.seq > timeline.appliedSeq + 1) return { timeline: { ...timeline, seenSeq }, outcome: 'gap' };
  return { timeline: { ...withMessage(timeline, event.message), appliedSeq: event.seq, seenSeq }, outcome: 'applied' };
}

/** Applies a `changes` answer fetched with `?after=<after>`. A `reset` answer is for the caller: reload the newest page. */
export function applyChanges(timeline: Timeline, after: number, page: ChangesPage): Timeline {
  let next = timeline;
  for (const event of page.events) next = withMessage(next, event.message);
  const appliedSeq = Math.max(next.appliedSeq ?? 0, page.lastSeq);
  const recheckAfter = next.recheckAfter !== null && next.recheckAfter < after ? next.recheckAfter : null;
  return { ...next, appliedSeq, seenSeq: Math.max(next.seenSeq, appliedSeq), recheckAfter };
}

/** Where a catch-up should start, or null when the timeline is complete. */
export function catchUpFrom(timeline: Timeline): number | null {
  if (timeline.appliedSeq === null) return null;
  if (timeline.recheckAfter !== null) return Math.min(timeline.recheckAfter, timeline.appliedSeq);
  return timeline.seenSeq > timeline.appliedSeq ? timeline.appliedSeq : null;
}

/**
 * Puts the server's copy of a message in place, whichever way it came (an event, a catch-up, the answer to a send or
 * an edit): keyed by id, never older than what is held, replacing the pending copy with the same client id.
 */
export function withMessage(timeline: Timeline, message: Message): Timeline {
  const pending = message.clientId ? timeline.pending.filter((p) => p.clientId !== message.clientId) : timeline.pending;
  let messages = timeline.messages;
  const index = messages.findIndex((m) => m.id === message.id);
  if (message.deletedAt !== null) {
    if (index >= 0) messages = messages.filter((m) => m.id !== message.id);
  } else if (index >= 0) {
    const held = messages[index] as Message;
    if (!isOlder(message, held)) messages = messages.map((m) => (m.id === message.id ? message : m));
  } else if (fitsWindow(timeline, message.seq)) {
    messages = insertBySeq(messages, message);
  }
  messages = withParentPreview(messages, message);
  if (messages === timeline.messages && pending === timeline.pending) return timeline;
  return { ...timeline, messages, pending };
}

/**
 * The answer to one's own send. Events about the message can overtake it (they travel on the socket, the answer on
 * its own connection): a copy already held came from one of them and is at least as new, so it stays, with the
 * reactions or link previews added meanwhile.
 */
export function withSentMessage(timeline: Timeline, message: Message): Timeline {
  if (!timeline.messages.some((m) => m.id === message.id)) return withMessage(timeline, message);
  return message.clientId ? withoutPending(timeline, message.clientId) : timeline;
}

export function withPending(timeline: Timeline, pending: PendingMessage): Timeline {
  return { ...timeline, pending: [...timeline.pending.filter((p) => p.clientId !== pending.clientId), pending] };
}

export function withoutPending(timeline: Timeline, clientId: string): Timeline {
  return { ...timeline, pending: timeline.pending.filter((p) => p.clientId !== clientId) };
}

/** `now` stands in for the arrival of a member this page did not list: they joined after it loaded. */
export function withReadPosition(timeline: Timeline, userId: number, seq: number, now = Date.now()): Timeline {
  const known = timeline.readPositions.get(userId);
  if ((known?.seq ?? -1) >= seq) return timeline;
  const readPositions = new Map(timeline.readPositions);
  readPositions.set(userId, { seq, joinedAt: known?.joinedAt ?? now });
  return { ...timeline, readPositions };
}

/** The message ↑ in an empty composer edits: your latest one that is still there. */
export function lastOwnMessage(timeline: Timeline, me: number): Message | undefined {
  for (let i = timeline.messages.length - 1; i >= 0; i--) {
    const message = timeline.messages[i] as Message;
    if (message.kind === 'user' && message.authorId === me && message.text !== null) return message;
  }
  return undefined;
}

export function findMessage(timeline: Timeline | undefined, id: number): Message | undefined {
  return timeline?.messages.find((m) => m.id === id);
}

/** First line of a text, as the server shows it in a reply preview. */
export function previewOf(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

// ----- helpers

function readPositionsOf(page: HistoryPage): ReadonlyMap<number, ReadPosition> {
  return new Map(page.readPositions.map((p) => [p.userId, { seq: p.seq, joinedAt: p.joinedAt }]));
}

/** A page answered before events this tab already applied may hold stale copies: check again from its seq. */
function staleCheck(timeline: Timeline, pageSeq: number): Timeline {
  if (timeline.appliedSeq === null || pageSeq >= timeline.appliedSeq) return timeline;
  const recheckAfter = timeline.recheckAfter === null ? pageSeq : Math.min(timeline.recheckAfter, pageSeq);
  return { ...timeline, recheckAfter };
}

/** A message not held yet belongs in the list only if it falls inside the stretch of history held. */
function fitsWindow(timeline: Timeline, seq: number): boolean {
  const first = timeline.messages[0];
  const last = timeline.messages[timeline.messages.length - 1];
  if (!first || !last) return !timeline.hasOlder && !timeline.hasNewer;
  if (timeline.hasOlder && seq < first.seq) return false;
  if (timeline.hasNewer && seq > last.seq) return false;
  return true;
}

function insertBySeq(messages: readonly Message[], message: Message): Message[] {
  let at = messages.length;
  while (at > 0 && (messages[at - 1] as Message).seq > message.seq) at--;
  return [...messages.slice(0, at), message, ...messages.slice(at)];
}

/** Edits and deletions supersede: a deletion always wins; otherwise the later edit. */
function isOlder(incoming: Message, held: Message): boolean {
  if (held.deletedAt !== null) return true;
  if (incoming.deletedAt !== null) return false;
  return (incoming.editedAt ?? 0) < (held.editedAt ?? 0);
}

/** Replies held in the list show their parent's current first line, or that it was deleted. */
function withParentPreview(messages: readonly Message[], parent: Message): readonly Message[] {
  if (!messages.some((m) => m.replyTo?.id === parent.id)) return messages;
  return messages.map((m) => {
    if (m.replyTo?.id !== parent.id) return m;
    // A preview the server withheld (a parent from before this person joined) stays withheld.
    if (m.replyTo.text === null && !m.replyTo.deleted) return m;
    const deleted = parent.deletedAt !== null;
    const text = deleted || parent.text === null ? null : previewOf(parent.text);
    if (m.replyTo.deleted === deleted && m.replyTo.text === text) return m;
    return { ...m, replyTo: { ...m.replyTo, deleted, text } };
  });
}
