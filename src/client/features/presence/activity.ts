// What this tab tells the server about its person (`presence.set`): active on input (at most every 30 s), idle
// after 5 minutes without input, hidden while the tab is in the background. A small state machine with time passed
// in, so the rules are tested without waiting five minutes.

export type TabState = 'active' | 'idle' | 'hidden';

export const ACTIVE_REPORT_INTERVAL_MS = 30_000;
export const IDLE_AFTER_MS = 5 * 60_000;

export interface Activity {
  /** What the server was last told; null before the first report on this connection. */
  reported: TabState | null;
  reportedAt: number;
  lastInputAt: number;
  hidden: boolean;
}

export type Step = { activity: Activity; report: TabState | null };

export function startActivity(now: number, hidden: boolean): Activity {
  return { reported: null, reportedAt: now, lastInputAt: now, hidden };
}

/** The state to announce when a connection opens (the server assumes a new tab is active). */
export function onConnected(activity: Activity, now: number): Step {
  const state: TabState = activity.hidden ? 'hidden' : now - activity.lastInputAt >= IDLE_AFTER_MS ? 'idle' : 'active';
  return report({ ...activity, reported: null }, state, now);
}

/** A key press, click or pointer move. */
export function onInput(activity: Activity, now: number): Step {
  const next = { ...activity, lastInputAt: now };
  if (next.hidden) return { activity: next, report: null };
  if (next.reported === 'active' && now - next.reportedAt < ACTIVE_REPORT_INTERVAL_MS) return { activity: next, report: null };
  return report(next, 'active', now);
}

export function onVisibility(activity: Activity, hidden: boolean, now: number): Step {
  if (hidden) return report({ ...activity, hidden: true }, 'hidden', now);
  // Coming back to the tab is input.
  return report({ ...activity, hidden: false, lastInputAt: now }, 'active', now);
}

/** Called every few seconds: turns a quiet visible tab idle. */
export function onTick(activity: Activity, now: number): Step {
  if (activity.hidden || activity.reported !== 'active' || now - activity.lastInputAt < IDLE_AFTER_MS) return { activity, report: null };
  return report(activity, 'idle', now);
}

function report(activity: Activity, state: TabState, now: number): Step {
  if (activity.reported === state && state !== 'active') return { activity, report: null };
  return { activity: { ...activity, reported: state, reportedAt: now }, report: state };
}
