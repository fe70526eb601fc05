// Who is typing where (shown under the message list), and telling others when this person types.
import { signal } from '@preact/signals';
import { sendCommand } from '../live/commands.js';
import { nextExpiry, shouldAnnounceTyping, withoutExpired, withoutTypist, withTypist, type Typists } from './typing.js';

export const typists = signal<Typists>(new Map());

let expiryTimer: ReturnType<typeof setTimeout> | undefined;

export function noteTypist(conversationId: number, userId: number): void {
  typists.value = withTypist(typists.value, conversationId, userId, Date.now());
  scheduleExpiry();
}

export function dropTypist(conversationId: number, userId: number): void {
  typists.value = withoutTypist(typists.value, conversationId, userId);
}

export function clearTypists(): void {
  clearTimeout(expiryTimer);
  typists.value = new Map();
  lastAnnounced.clear();
}

/** Redraws when the next line expires (the signal changes then), instead of ticking every second. */
function scheduleExpiry(): void {
  clearTimeout(expiryTimer);
  const next = nextExpiry(typists.value, Date.now());
  if (next === null) return;
  expiryTimer = setTimeout(() => {
    typists.value = withoutExpired(typists.value, Date.now());
    scheduleExpiry();
  }, next - Date.now() + 10);
}

// ----- this person typing

const lastAnnounced = new Map<number, number>();

export function announceTyping(conversationId: number): void {
  const now = Date.now();
  if (!shouldAnnounceTyping(lastAnnounced.get(conversationId), now)) return;
  if (sendCommand({ type: 'typing.start', conversationId })) lastAnnounced.set(conversationId, now);
}

/** After sending, the next keystroke announces at once: it is a new message. */
export function finishedTyping(conversationId: number): void {
  lastAnnounced.delete(conversationId);
}
