import { describe, expect, it } from 'vitest';
import { createRefusalPacer, FREE_REFUSALS, MAX_HELD, MAX_TRACKED, QUIET_MS } from './refusal-pacing.js';

function fakeNow(start = 1_000_000) {
  const time = { at: start, now: () => time.at };
  return time;
}

const refuseTimes = (pacer: ReturnType<typeof createRefusalPacer>, who: string, times: number) =>
  Array.from({ length: times }, () => pacer.delayFor(who));

describe('refusal pacing', () => {
  it('answers the first refusals at once and holds every one after them', () => {
    const pacer = createRefusalPacer(1_000, fakeNow().now);
    expect(refuseTimes(pacer, 'user:1', FREE_REFUSALS)).toEqual(Array(FREE_REFUSALS).fill(0));
    expect(refuseTimes(pacer, 'user:1', 3)).toEqual([1_000, 1_000, 1_000]);
  });

  it('counts each person apart', () => {
    const pacer = createRefusalPacer(1_000, fakeNow().now);
    refuseTimes(pacer, 'user:1', FREE_REFUSALS + 1);
    expect(pacer.delayFor('user:2')).toBe(0);
    expect(pacer.delayFor('address:127.0.0.1')).toBe(0);
    expect(pacer.delayFor('user:1')).toBe(1_000);
  });

  it('keeps holding while refusals keep coming, and starts over after a quiet spell', () => {
    const time = fakeNow();
    const pacer = createRefusalPacer(1_000, time.now);
    refuseTimes(pacer, 'user:1', FREE_REFUSALS);
    // One refusal every 9 s is never quiet long enough: still held a minute later.
    for (let i = 0; i < 7; i++) {
      time.at += QUIET_MS - 1_000;
      expect(pacer.delayFor('user:1')).toBe(1_000);
    }
    time.at += QUIET_MS;
    expect(pacer.delayFor('user:1')).toBe(0);
  });

  it('never holds with a delay of 0', () => {
    const pacer = createRefusalPacer(0, fakeNow().now);
    expect(refuseTimes(pacer, 'user:1', 50).every((ms) => ms === 0)).toBe(true);
  });

  it('forgets the longest quiet once it tracks too many', () => {
    const time = fakeNow();
    const pacer = createRefusalPacer(1_000, time.now);
    refuseTimes(pacer, 'user:1', FREE_REFUSALS);
    refuseTimes(pacer, 'user:2', FREE_REFUSALS);
    for (let i = 0; i < MAX_TRACKED - 1; i++) pacer.delayFor(`address:${i}`);
    // user:1 was the longest quiet and is forgotten; user:2 is still counted.
    expect(pacer.delayFor('user:2')).toBe(1_000);
    expect(pacer.delayFor('user:1')).toBe(0);
  });

  it('holds at most MAX_HELD answers at once, and resolves each held one after the delay', async () => {
    const pacer = createRefusalPacer(60, fakeNow().now);
    refuseTimes(pacer, 'user:1', FREE_REFUSALS);
    const started = performance.now();
    const held = Array.from({ length: MAX_HELD }, () => pacer.refused('user:1'));
    expect(pacer.delayFor('user:1')).toBe(0);
    await Promise.all(held);
    expect(performance.now() - started).toBeGreaterThanOrEqual(59);
    expect(pacer.delayFor('user:1')).toBe(60);
  });
});
