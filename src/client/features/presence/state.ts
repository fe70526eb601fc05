// Everyone's presence (from `hello` and `presence` events), this person's "appear away/offline" choice, and the
// reporter that tells the server what this tab is doing.
import { signal } from '@preact/signals';
import { api } from '../../api/api.js';
import type { PresenceOverride, PresenceStatus } from '../../../shared/protocol/conversations.js';
import { sendCommand } from '../live/commands.js';
import { onConnected, onInput, onTick, onVisibility, startActivity, type Activity, type Step } from './activity.js';

export const statuses = signal<ReadonlyMap<number, PresenceStatus>>(new Map());
/** This person's manual override; undefined until the server has told this tab (it is echoed to every tab). */
export const override = signal<PresenceOverride | undefined>(undefined);

export function statusOf(userId: number): PresenceStatus {
  return statuses.value.get(userId) ?? 'offline';
}

/** Replaces everyone's statuses (`hello`), or with `merge` changes only those given (a `presence` batch). */
export function setStatuses(entries: Iterable<[number, PresenceStatus]>, merge = false): void {
  const next = new Map(merge ? statuses.value : []);
  for (const [userId, status] of entries) next.set(userId, status);
  statuses.value = next;
}

export async function chooseOverride(choice: PresenceOverride): Promise<void> {
  await api.setPresenceOverride(choice);
  override.value = choice;
}

// ----- reporting this tab's activity

const TICK_MS = 15_000;
let activity: Activity = startActivity(Date.now(), false);

function apply(step: Step): void {
  activity = step.activity;
  if (step.report) sendCommand({ type: 'presence.set', state: step.report });
}

/** Called on every `hello`: the server assumes a fresh connection is active, so correct it if it is not. */
export function reportConnected(): void {
  apply(onConnected(activity, Date.now()));
}

export function startActivityReporting(): () => void {
  activity = startActivity(Date.now(), document.visibilityState === 'hidden');
  const input = () => apply(onInput(activity, Date.now()));
  const visibility = () => apply(onVisibility(activity, document.visibilityState === 'hidden', Date.now()));
  const inputs = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
  for (const type of inputs) addEventListener(type, input, { passive: true, capture: true });
  document.addEventListener('visibilitychange', visibility);
  const ticker = setInterval(() => apply(onTick(activity, Date.now())), TICK_MS);
  return () => {
    for (const type of inputs) removeEventListener(type, input, { capture: true });
    document.removeEventListener('visibilitychange', visibility);
    clearInterval(ticker);
    statuses.value = new Map();
    override.value = undefined;
  };
}
