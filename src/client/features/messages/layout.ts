// From a timeline to the rows the message list shows: day dividers, the "New messages" divider, and which messages
// start a group (same author within 5 minutes are grouped under one name and avatar). Pure and tested.
import type { Message } from '../../../shared/protocol/messages.js';
import type { PendingMessage } from './timeline.js';

export const GROUP_WINDOW_MS = 5 * 60_000;

export type Row =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'unread'; key: 'unread' }
  | { kind: 'message'; key: string; message: Message; groupStart: boolean }
  | { kind: 'pending'; key: string; pending: PendingMessage; groupStart: boolean };

interface Item {
  key: string;
  authorId: number | null;
  system: boolean;
  reply: boolean;
  createdAt: number;
}

export interface LayoutOptions {
  me: number;
  /** Messages after this seq (from others) were unread when the conversation was opened; null for no divider. */
  unreadAfterSeq: number | null;
  /** Now, for "Today" and "Yesterday". */
  now: number;
}

export function layoutRows(messages: readonly Message[], pending: readonly PendingMessage[], options: LayoutOptions): Row[] {
  const rows: Row[] = [];
  let previous: Item | null = null;
  let previousDay = '';
  let unreadPlaced = options.unreadAfterSeq === null;

  const place = (item: Item, unreadHere: boolean): boolean => {
    const day = dayKey(item.createdAt);
    let groupStart = previous === null;
    if (day !== previousDay) {
      rows.push({ kind: 'day', key: `day-${day}`, label: dayLabel(item.createdAt, options.now) });
      previousDay = day;
      groupStart = true;
    }
    if (unreadHere) {
      rows.push({ kind: 'unread', key: 'unread' });
      unreadPlaced = true;
      groupStart = true;
    }
    if (!groupStart && previous) groupStart = !continuesGroup(previous, item);
    previous = item;
    return groupStart;
  };

  for (const message of messages) {
    const unreadHere = !unreadPlaced && message.seq > (options.unreadAfterSeq ?? 0) && (message.kind === 'system' || message.authorId !== options.me);
    const groupStart = place(itemOf(message), unreadHere);
    rows.push({ kind: 'message', key: `m${message.id}`, message, groupStart });
  }
  for (const item of pending) {
    const groupStart = place({ key: item.clientId, authorId: item.authorId, system: false, reply: item.replyTo !== null, createdAt: item.createdAt }, false);
    rows.push({ kind: 'pending', key: `p${item.clientId}`, pending: item, groupStart });
  }
  return rows;
}

function itemOf(message: Message): Item {
  return { key: String(message.id), authorId: message.authorId, system: message.kind === 'system', reply: message.replyTo !== null, createdAt: message.createdAt };
}

/** A message joins the one before it when the same person wrote both, within 5 minutes, and it is not a reply. */
function continuesGroup(previous: Item, item: Item): boolean {
  if (previous.system || item.system || item.reply) return false;
  if (previous.authorId !== item.authorId) return false;
  const gap = item.createdAt - previous.createdAt;
  return gap >= 0 && gap <= GROUP_WINDOW_MS;
}

export function dayKey(timestamp: number): string {
  const date = new Date(timestamp);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

const weekdayDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });
const weekdayDateYear = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/** "Today", "Yesterday", "Thursday, November 26" (with the year when it is not this year). */
export function dayLabel(timestamp: number, now: number): string {
  const day = dayKey(timestamp);
  if (day === dayKey(now)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (day === dayKey(yesterday.getTime())) return 'Yesterday';
  const sameYear = new Date(timestamp).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? weekdayDate : weekdayDateYear).format(timestamp);
}

/** The time beside a message, in the viewer's locale and time zone. */
export function formatTime(timestamp: number): string {
  return clock.format(timestamp);
}

/** The full timestamp shown on hover. */
export function formatTimestamp(timestamp: number): string {
  return full.format(timestamp);
}
