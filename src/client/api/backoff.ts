// How long to wait before the next reconnection attempt. Exponential so a down server is not hammered, capped so
// a person waits at most ~10 s once it is back, and jittered so a restarted server is not hit by every tab at once.

const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 10_000;

/** Delay before attempt number `attempt` (0 = the first retry): half fixed, half random ("equal jitter"). */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
