import { describe, expect, it } from 'vitest';
import { ACTIVE_REPORT_INTERVAL_MS, IDLE_AFTER_MS, onConnected, onInput, onTick, onVisibility, startActivity, type Activity, type TabState } from './activity.js';

/** Runs steps in order and returns what was reported. */
function reports(start: Activity, steps: ((activity: Activity) => { activity: Activity; report: TabState | null })[]): (TabState | null)[] {
  let activity = start;
  return steps.map((step) => {
    const result = step(activity);
    activity = result.activity;
    return result.report;
  });
}

describe('tab activity', () => {
  it('reports active on connecting, then at most every 30 s while input continues', () => {
    expect(
      reports(startActivity(0, false), [
        (a) => onConnected(a, 0),
        (a) => onInput(a, 1_000),
        (a) => onInput(a, ACTIVE_REPORT_INTERVAL_MS - 1),
        (a) => onInput(a, ACTIVE_REPORT_INTERVAL_MS),
      ]),
    ).toEqual(['active', null, null, 'active']);
  });

  it('goes idle after 5 minutes without input, once, and active again on input', () => {
    expect(
      reports(startActivity(0, false), [
        (a) => onConnected(a, 0),
        (a) => onTick(a, IDLE_AFTER_MS - 1),
        (a) => onTick(a, IDLE_AFTER_MS),
        (a) => onTick(a, IDLE_AFTER_MS + 10_000),
        (a) => onInput(a, IDLE_AFTER_MS + 20_000),
      ]),
    ).toEqual(['active', null, 'idle', null, 'active']);
  });

  it('reports hidden in the background, ignores input there, and active on return', () => {
    expect(
      reports(startActivity(0, false), [
        (a) => onConnected(a, 0),
        (a) => onVisibility(a, true, 10),
        (a) => onInput(a, 20),
        (a) => onTick(a, IDLE_AFTER_MS * 2),
        (a) => onVisibility(a, false, IDLE_AFTER_MS * 2),
      ]),
    ).toEqual(['active', 'hidden', null, null, 'active']);
  });

  it('tells a new connection the state it is really in', () => {
    expect(onConnected(startActivity(0, true), 5).report).toBe('hidden');
    expect(onConnected(startActivity(0, false), IDLE_AFTER_MS).report).toBe('idle');
  });
});
