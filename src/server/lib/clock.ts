import { setTimeout as wait } from 'node:timers/promises';

/** Time comes in through this, so lockouts, idle timeouts and ring timers are testable without sleeping. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms) => {
    await wait(ms);
  },
};
