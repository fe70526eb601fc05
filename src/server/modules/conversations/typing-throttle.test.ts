import { describe, expect, it } from 'vitest';
import { createTypingThrottle } from './typing-throttle.js';

function fakeClock(start = 1_000_000) {
  const clock = { at: start, now: () => clock.at };
  return clock;
}

describe('typing throttle', () => {
  it('passes one typing a second per person and conversation', () => {
    const clock = fakeClock();
    const throttle = createTypingThrottle(clock);
    expect(throttle.allow(1, 10)).toBe(true);
    expect(throttle.allow(1, 10)).toBe(false);
    // Another conversation, another person: their own allowance.
    expect(throttle.allow(1, 11)).toBe(true);
    expect(throttle.allow(2, 10)).toBe(true);
    clock.at += 999;
    expect(throttle.allow(1, 10)).toBe(false);
    clock.at += 1;
    expect(throttle.allow(1, 10)).toBe(true);
  });

  it('passes the next one at once after the person sent their message', () => {
    const throttle = createTypingThrottle(fakeClock());
    expect(throttle.allow(1, 10)).toBe(true);
    throttle.forget(1, 10);
    expect(throttle.allow(1, 10)).toBe(true);
    expect(throttle.allow(1, 10)).toBe(false);
  });

  it('forgets people who stopped typing once it holds many', () => {
    const clock = fakeClock();
    const throttle = createTypingThrottle(clock);
    for (let user = 0; user < 10_000; user++) throttle.allow(user, 1);
    expect(throttle.size).toBe(10_000);
    clock.at += 1_000;
    expect(throttle.allow(99_999, 1)).toBe(true);
    expect(throttle.size).toBe(1);
  });
});
