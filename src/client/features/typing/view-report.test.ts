import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveSocket } from '../../api/socket.js';
import type { ClientCommand } from '../../../shared/protocol/events.js';
import { attachSocket } from '../live/commands.js';
import { reportView, startViewReporting, VIEW_REPORT_MS } from './view-report.js';

let sent: ClientCommand[];
let stop: () => void;
const open = signal<number | null>(null);
/** Stands for the open list: what the app's viewport signal says, minus scrolling (see live/state.ts). */
const openConversation = (conversationId: number | null) => (open.value = conversationId);

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  attachSocket({ send: (command: ClientCommand) => sent.push(command) > 0 } as unknown as LiveSocket);
  open.value = null;
  stop = startViewReporting(open);
  vi.advanceTimersByTime(VIEW_REPORT_MS);
  sent = [];
});
afterEach(() => {
  stop();
  attachSocket(null);
  vi.useRealTimers();
});

describe('telling the server which conversation the tab shows', () => {
  it('reports a conversation as it opens, and one report for several passed through right after', () => {
    openConversation(1);
    expect(sent).toEqual([{ type: 'view', conversationId: 1 }]);
    openConversation(2);
    openConversation(3);
    vi.advanceTimersByTime(VIEW_REPORT_MS - 1);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      { type: 'view', conversationId: 1 },
      { type: 'view', conversationId: 3 },
    ]);
  });

  it('does not report the same conversation again', () => {
    openConversation(4);
    openConversation(4);
    vi.advanceTimersByTime(VIEW_REPORT_MS * 2);
    expect(sent).toEqual([{ type: 'view', conversationId: 4 }]);
  });

  it('stops reporting once stopped', () => {
    stop();
    openConversation(6);
    vi.advanceTimersByTime(VIEW_REPORT_MS);
    reportView();
    expect(sent).toEqual([]);
  });

  it('says again what it shows when asked (on every hello), and null when it shows none', () => {
    openConversation(5);
    reportView();
    openConversation(null);
    vi.advanceTimersByTime(VIEW_REPORT_MS);
    expect(sent).toEqual([
      { type: 'view', conversationId: 5 },
      { type: 'view', conversationId: 5 },
      { type: 'view', conversationId: null },
    ]);
  });
});
