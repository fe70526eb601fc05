// Each open conversation's messages, kept exact by the sequence rules in timeline.ts: pages of history, live
// events, catch-ups after gaps and reconnects, and edits and deletions.
import { batch, signal } from '@preact/signals';
import { api, ApiError } from '../../api/api.js';
import type { HistoryPage, Message } from '../../../shared/protocol/messages.js';
import { errorMessage } from '../auth/error-message.js';
import { conversations } from '../conversations/state.js';
import {
  applyChanges,
  applyEvent,
  catchUpFrom,
  emptyTimeline,
  withMessage,
  withNewestPage,
  withOlderPage,
  withPageAround,
  withReadPosition,
  type MessageEvent,
  type Timeline,
} from './timeline.js';

export const timelines = signal<ReadonlyMap<number, Timeline>>(new Map());

export type Load = 'newest' | 'older' | 'newer' | 'around';
/** Loads in flight per conversation, for spinners and to avoid asking twice. */
export const loads = signal<ReadonlyMap<number, ReadonlySet<Load>>>(new Map());
/** Why the last load of a conversation failed, shown in the list. */
export const loadErrors = signal<ReadonlyMap<number, string>>(new Map());

export function timelineOf(conversationId: number): Timeline | undefined {
  return timelines.value.get(conversationId);
}

export function isLoading(conversationId: number, load: Load): boolean {
  return loads.value.get(conversationId)?.has(load) ?? false;
}

export function updateTimeline(conversationId: number, change: (timeline: Timeline) => Timeline): void {
  const held = timelines.value.get(conversationId);
  if (!held) return;
  const changed = change(held);
  if (changed !== held) timelines.value = new Map(timelines.value).set(conversationId, changed);
}

export function dropTimeline(conversationId: number): void {
  if (!timelines.value.has(conversationId)) return;
  const next = new Map(timelines.value);
  next.delete(conversationId);
  timelines.value = next;
}

export function clearTimelines(): void {
  batch(() => {
    timelines.value = new Map();
    loads.value = new Map();
    loadErrors.value = new Map();
  });
  catchingUp.clear();
  catchUpAgain.clear();
}

// ----- loading history

/** Runs one kind of load for a conversation unless the same is already running; failures are shown, not thrown. */
async function runLoad(conversationId: number, load: Load, work: () => Promise<void>): Promise<void> {
  if (isLoading(conversationId, load)) return;
  setLoad(conversationId, load, true);
  setLoadError(conversationId, null);
  try {
    await work();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) dropTimeline(conversationId);
    else setLoadError(conversationId, errorMessage(error));
  } finally {
    setLoad(conversationId, load, false);
  }
}

/**
 * Makes sure a conversation's messages are held when it opens; afterwards events keep them current. One left showing
 * an older window (after a jump), or whose first load failed, opens at the newest messages again — unless it opens
 * to show one message (`atMessage`, a search result): then the jump loads the history around it (`loadAround`).
 */
export function ensureTimeline(conversationId: number, { atMessage = false } = {}): void {
  const held = timelines.value.get(conversationId);
  if (held) {
    const failed = loadErrors.value.has(conversationId) && held.appliedSeq === null;
    if (!atMessage && (held.hasNewer || failed)) void loadNewest(conversationId);
    return;
  }
  timelines.value = new Map(timelines.value).set(conversationId, emptyTimeline());
  if (!atMessage) void loadNewest(conversationId);
}

export function loadNewest(conversationId: number): Promise<void> {
  return runLoad(conversationId, 'newest', async () => {
    const page = await api.history(conversationId);
    takePage(conversationId, page, withNewestPage);
  });
}

/** The page before the oldest message held (scrolling up). */
export function loadOlder(conversationId: number): Promise<void> {
  const first = timelineOf(conversationId)?.messages[0];
  if (!first || !timelineOf(conversationId)?.hasOlder) return Promise.resolve();
  return runLoad(conversationId, 'older', async () => {
    const page = await api.history(conversationId, { before: first.seq });
    takePage(conversationId, page, withOlderPage);
  });
}

/** The messages after the newest one held, when the list shows an older window (after jumping to a reply's parent). */
export function loadNewer(conversationId: number): Promise<void> {
  const timeline = timelineOf(conversationId);
  const last = timeline?.messages[timeline.messages.length - 1];
  if (!timeline?.hasNewer || !last) return Promise.resolve();
  return runLoad(conversationId, 'newer', async () => {
    const page = await api.history(conversationId, { around: last.id, limit: 100 });
    takePage(conversationId, page, withPageAround);
  });
}

/**
 * Makes sure a message is held, loading the history around it if needed; this may be the conversation's first load
 * (opened from a search result). False when it is gone, and then a conversation with nothing loaded yet shows its
 * newest messages instead.
 */
export async function loadAround(conversationId: number, messageId: number): Promise<boolean> {
  const held = timelineOf(conversationId);
  if (held?.messages.some((m) => m.id === messageId)) return true;
  if (!held) timelines.value = new Map(timelines.value).set(conversationId, emptyTimeline());
  let ran = false;
  let found = false;
  let gone = false;
  await runLoad(conversationId, 'around', async () => {
    ran = true;
    try {
      const page = await api.history(conversationId, { around: messageId });
      takePage(conversationId, page, withPageAround);
      found = true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) gone = true;
      else throw error;
    }
  });
  if (ran && !found && timelineOf(conversationId)?.appliedSeq === null) await loadNewest(conversationId);
  if (gone) setLoadError(conversationId, 'That message is no longer available.');
  return found;
}

function takePage(conversationId: number, page: HistoryPage, merge: (timeline: Timeline, page: HistoryPage) => Timeline): void {
  updateTimeline(conversationId, (timeline) => merge(timeline, page));
  const forced = forceAfterLoad.delete(conversationId);
  const timeline = timelineOf(conversationId);
  if (timeline && (forced || catchUpFrom(timeline) !== null)) void catchUp(conversationId, { force: true });
}

// ----- staying exact

const catchingUp = new Set<number>();
const catchUpAgain = new Set<number>();
/** Reconnected while the first page was loading: that page may predate what was missed, so check after it. */
const forceAfterLoad = new Set<number>();

/** A live message event: applied if it is the next one, else the gap is filled from the server. */
export function applyMessageEvent(event: MessageEvent): void {
  const held = timelineOf(event.conversationId);
  if (!held) return;
  const { timeline, outcome } = applyEvent(held, event);
  if (timeline !== held) timelines.value = new Map(timelines.value).set(event.conversationId, timeline);
  if (outcome === 'gap') void catchUp(event.conversationId);
}

/**
 * Fetches what changed after the last applied seq and applies it (`force`: even when no gap was seen, after a
 * reconnect). One at a time per conversation; a request meanwhile runs it once more afterwards.
 */
export async function catchUp(conversationId: number, { force = false } = {}): Promise<void> {
  if (catchingUp.has(conversationId)) {
    catchUpAgain.add(conversationId);
    return;
  }
  catchingUp.add(conversationId);
  try {
    let forced = force;
    for (;;) {
      catchUpAgain.delete(conversationId);
      const timeline = timelineOf(conversationId);
      if (!timeline) break;
      if (timeline.appliedSeq === null) {
        if (forced) forceAfterLoad.add(conversationId);
        break;
      }
      const after = catchUpFrom(timeline) ?? (forced ? timeline.appliedSeq : null);
      forced = false;
      if (after === null) break;
      const changes = await api.changes(conversationId, after);
      if (changes.reset) {
        const page = await api.history(conversationId);
        updateTimeline(conversationId, (t) => withNewestPage(t, page));
      } else {
        updateTimeline(conversationId, (t) => applyChanges(t, after, changes));
      }
      const now = timelineOf(conversationId);
      if (!catchUpAgain.has(conversationId) && (!now || catchUpFrom(now) === null)) break;
    }
  } catch (error) {
    // Gone (left, or removed from settings): forget it. Anything else waits for the next event or reconnect.
    if (error instanceof ApiError && error.status === 404) dropTimeline(conversationId);
  } finally {
    catchingUp.delete(conversationId);
  }
}

/** After a reconnect: every held conversation catches up; those no longer in the list are forgotten. */
export function catchUpAll(): void {
  for (const conversationId of timelines.value.keys()) {
    if (!conversations.value.has(conversationId)) dropTimeline(conversationId);
    else void catchUp(conversationId, { force: true });
  }
}

export function noteReadPosition(conversationId: number, userId: number, seq: number): void {
  updateTimeline(conversationId, (timeline) => withReadPosition(timeline, userId, seq));
}

// ----- changing messages

export async function editMessage(message: Message, text: string): Promise<void> {
  const updated = await api.editMessage(message.id, text);
  updateTimeline(message.conversationId, (timeline) => withMessage(timeline, updated));
}

export async function deleteMessage(message: Message): Promise<void> {
  await api.deleteMessage(message.id);
  updateTimeline(message.conversationId, (timeline) => withMessage(timeline, { ...message, text: null, deletedAt: Date.now() }));
}

// ----- helpers

function setLoad(conversationId: number, load: Load, on: boolean): void {
  const current = new Set(loads.value.get(conversationId));
  if (on) current.add(load);
  else current.delete(load);
  const next = new Map(loads.value);
  if (current.size > 0) next.set(conversationId, current);
  else next.delete(conversationId);
  loads.value = next;
}

function setLoadError(conversationId: number, message: string | null): void {
  if (message === null && !loadErrors.value.has(conversationId)) return;
  const next = new Map(loadErrors.value);
  if (message === null) next.delete(conversationId);
  else next.set(conversationId, message);
  loadErrors.value = next;
}
