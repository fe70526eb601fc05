// Tells the server which conversation this tab shows (`view`), so that typing elsewhere is not sent to it: in a
// channel of thousands, "is typing" goes only to the tabs that show that channel. Said again on every `hello`, since
// a new socket knows nothing of it.
import type { ReadonlySignal } from '@preact/signals';
import { sendCommand } from '../live/commands.js';

/**
 * Flicking through conversations (Alt+↓ held) sends at most one report per this long (the socket allows 30 commands a
 * second): the first change at once, so typing reaches a conversation just opened, then the latest one.
 */
export const VIEW_REPORT_MS = 150;

let shown: ReadonlySignal<number | null> | null = null;
let pending: ReturnType<typeof setTimeout> | undefined;
let lastReportAt = -Infinity;

/** Sends what the tab shows now; called on every `hello`. */
export function reportView(): void {
  if (!shown) return;
  lastReportAt = performance.now();
  sendCommand({ type: 'view', conversationId: shown.value });
}

/** Reports `conversationId` (the open conversation, null for none) whenever it changes. */
export function startViewReporting(conversationId: ReadonlySignal<number | null>): () => void {
  shown = conversationId;
  const stop = conversationId.subscribe(() => {
    if (pending !== undefined) return;
    const wait = lastReportAt + VIEW_REPORT_MS - performance.now();
    if (wait <= 0) {
      reportView();
      return;
    }
    pending = setTimeout(() => {
      pending = undefined;
      reportView();
    }, wait);
  });
  return () => {
    stop();
    clearTimeout(pending);
    pending = undefined;
    shown = null;
    lastReportAt = -Infinity;
  };
}
