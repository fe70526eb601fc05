import type { Clock } from '../../src/server/lib/clock.js';

/** A clock the test moves by hand; `sleep` returns at once but remembers what was asked. */
export function createTestClock(start = Date.UTC(2026, 10, 26, 9, 0, 0)) {
  let now = start;
  const sleeps: number[] = [];
  const clock: Clock & { advance(ms: number): void; sleeps: number[] } = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    advance: (ms) => {
      now += ms;
    },
    sleeps,
  };
  return clock;
}
