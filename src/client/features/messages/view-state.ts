// What the person is looking at in the message list: which conversation, whether at the newest message, whether the
// tab is visible, and one-off requests to the list (jump to a message, to the latest). Read by unread tracking.
import { signal } from '@preact/signals';
import type { Message } from '../../../shared/protocol/messages.js';
import { timelines } from './state.js';

/** The open list and whether it is scrolled to its newest message. */
export const viewport = signal<{ conversationId: number | null; atBottom: boolean }>({ conversationId: null, atBottom: true });
export const pageVisible = signal(true);

/** Frozen when a conversation opens: messages after this seq get the "New messages" divider. */
export const unreadMarker = signal<{ conversationId: number; afterSeq: number } | null>(null);

/** A message to scroll to and highlight (a reply's parent); `nonce` makes a second click on the same one count. */
export const jumpTarget = signal<{ conversationId: number; messageId: number; nonce: number } | null>(null);
export const highlighted = signal<number | null>(null);

/** The message being edited in place, if any. */
export const editingId = signal<number | null>(null);
/** The message whose deletion is being confirmed. */
export const confirmingDelete = signal<Message | null>(null);
/** A request to show the newest messages (the pill, or sending while scrolled up). */
export const bottomRequest = signal<{ conversationId: number } | null>(null);

export function setViewport(conversationId: number | null, atBottom: boolean): void {
  const current = viewport.value;
  if (current.conversationId !== conversationId || current.atBottom !== atBottom) viewport.value = { conversationId, atBottom };
}

/** True when new messages in this conversation are being seen as they arrive (so they are not unread). */
export function isWatchingLatest(conversationId: number): boolean {
  const { conversationId: open, atBottom } = viewport.value;
  if (open !== conversationId || !atBottom || !pageVisible.value) return false;
  const timeline = timelines.value.get(conversationId);
  return timeline !== undefined && timeline.appliedSeq !== null && !timeline.hasNewer;
}

export function startViewTracking(): () => void {
  const update = () => (pageVisible.value = document.visibilityState === 'visible');
  update();
  document.addEventListener('visibilitychange', update);
  return () => {
    document.removeEventListener('visibilitychange', update);
    viewport.value = { conversationId: null, atBottom: true };
    unreadMarker.value = null;
    editingId.value = null;
    confirmingDelete.value = null;
    jumpTarget.value = null;
    bottomRequest.value = null;
  };
}

let nonce = 0;
export function requestJump(conversationId: number, messageId: number): void {
  jumpTarget.value = { conversationId, messageId, nonce: ++nonce };
}
