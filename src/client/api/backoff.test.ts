import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, reconnectDelay } from './backoff.js';

describe('reconnectDelay', () => {
  it('doubles with each attempt', () => {
    const fixed = () => 1;
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, fixed))).toEqual([500, 1000, 2000, 4000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(reconnectDelay(50, () => 1)).toBe(MAX_DELAY_MS);
    expect(reconnectDelay(5000, () => 0.999)).toBeLessThanOrEqual(MAX_DELAY_MS);
  });

  it('spreads retries between half and all of the ceiling', () => {
    expect(reconnectDelay(3, () => 0)).toBe(2000);
    expect(reconnectDelay(3, () => 0.5)).toBe(3000);
    expect(reconnectDelay(30, () => 0)).toBe(MAX_DELAY_MS / 2);
  });
});
