import type { Clock } from '../../lib/clock.js';

/** Others show "is typing…" for 5 s and the web app repeats itself every 3 s: once a second is plenty. */
export const TYPING_RELAY_INTERVAL_MS = 1_000;

/** Entries are swept once there are this many; a sweep drops every one old enough not to matter. */
const SWEEP_AT = 10_000;

/**
 * Whether a person's "typing" in a conversation is passed on, at most once per interval however many tabs or
 * scripts repeat it. The check comes before any lookup, so a flood of typing frames costs a map read each.
 */
export function createTypingThrottle(clock: Pick<Clock, 'now'>, intervalMs = TYPING_RELAY_INTERVAL_MS) {
  const lastRelayed = new Map<string, number>();
  return {
    allow(userId: number, conversationId: number): boolean {
      const now = clock.now();
      const key = `${userId}:${conversationId}`;
      const last = lastRelayed.get(key);
      if (last !== undefined && now - last < intervalMs) return false;
      if (lastRelayed.size >= SWEEP_AT) {
        for (const [k, at] of lastRelayed) if (now - at >= intervalMs) lastRelayed.delete(k);
      }
      lastRelayed.set(key, now);
      return true;
    },
    /** The person sent what they were typing: their next keystroke there is a new message, passed on at once. */
    forget(userId: number, conversationId: number): void {
      lastRelayed.delete(`${userId}:${conversationId}`);
    },
    get size(): number {
      return lastRelayed.size;
    },
  };
}
