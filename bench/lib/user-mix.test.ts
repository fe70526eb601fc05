import { describe, expect, it } from 'vitest';
import { cumulative, evaluateGates, Outcome, pickWeighted, RequestWindow, thinkTimeMs } from './user-mix.js';

describe('pickWeighted', () => {
  const weights = cumulative([1, 0, 3]);

  it('maps [0, 1) onto the indexes in proportion to their weights, never choosing a zero weight', () => {
    expect(pickWeighted(weights, 0)).toBe(0);
    expect(pickWeighted(weights, 0.2499)).toBe(0);
    expect(pickWeighted(weights, 0.25)).toBe(2);
    expect(pickWeighted(weights, 0.9999)).toBe(2);
  });

  it('gives the expected shares over many draws', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[pickWeighted(weights, (i + 0.5) / 4000)]!++;
    expect(counts).toEqual([1000, 0, 3000]);
  });

  it('refuses weights that cannot be drawn from', () => {
    expect(() => cumulative([0, 0])).toThrow();
    expect(() => cumulative([1, -1])).toThrow();
  });
});

describe('thinkTimeMs', () => {
  it('is uniform between the minimum and twice the average less the minimum', () => {
    expect(thinkTimeMs(0, 1000, 20_000)).toBe(1000);
    expect(thinkTimeMs(0.5, 1000, 20_000)).toBe(20_000);
    expect(thinkTimeMs(1, 1000, 20_000)).toBe(39_000);
  });
});

describe('RequestWindow', () => {
  it('keeps only the last N seconds', () => {
    const window = new RequestWindow(30);
    window.add(0.5, 1000, Outcome.Ok);
    window.add(10, 10, Outcome.Ok);
    window.add(29.9, 20, Outcome.Error);
    expect(window.stats(29.9)).toMatchObject({ requests: 3, errors: 1, meanMs: 505 });
    expect(window.stats(30.2)).toMatchObject({ requests: 2, errors: 1, meanMs: 10 });
    expect(window.stats(100)).toMatchObject({ requests: 0, errors: 0 });
  });

  it('counts failed requests as the slowest in the p99', () => {
    const window = new RequestWindow(30);
    for (let i = 1; i <= 99; i++) window.add(1, i, Outcome.Ok);
    window.add(1, 0, Outcome.Timeout);
    expect(window.stats(1).p99Ms).toBe(99);
    window.add(1, 0, Outcome.Timeout);
    expect(window.stats(1).p99Ms).toBe(Infinity);
  });
});

describe('evaluateGates', () => {
  const healthy = { requests: 10_000, errors: 0, timeouts: 0, p99Ms: 150, meanMs: 12 };

  it('passes a healthy window', () => {
    expect(evaluateGates(healthy, 60)).toEqual({ passed: true, broken: [] });
  });

  it('names each gate that broke', () => {
    expect(evaluateGates({ ...healthy, p99Ms: 2001 }, 60).broken).toEqual(['p99 2001.0 ms > 2000 ms']);
    expect(evaluateGates({ ...healthy, meanMs: 100.5 }, 60).broken).toEqual(['mean 100.5 ms > 100 ms']);
    expect(evaluateGates(healthy, 86).broken).toEqual(['server CPU 86 % > 85 % of a core']);
    expect(evaluateGates({ ...healthy, errors: 2, timeouts: 1 }, 90).broken).toHaveLength(2);
  });

  it('allows 0.025 % of failed requests, not more', () => {
    expect(evaluateGates({ ...healthy, errors: 1, timeouts: 1, requests: 8000 }, 0).passed).toBe(true);
    expect(evaluateGates({ ...healthy, errors: 2, timeouts: 1, requests: 8000 }, 0).passed).toBe(false);
  });
});
