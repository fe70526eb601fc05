// Unread counts per conversation (kept on the conversation records), the tab title, and marking read: when the
// newest message of the open conversation is on screen and the tab is visible.
import { computed, effect } from '@preact/signals';
import { api } from '../../api/api.js';
import { conversations, me, refreshConversation, updateConversation } from '../conversations/state.js';
import { timelines } from '../messages/state.js';
import type { MessageEvent } from '../messages/timeline.js';
import { isWatchingLatest, viewport } from '../messages/view-state.js';
import { countEvent, documentTitle, readUpTo, totalUnread } from './unread.js';

export const unreadTotal = computed(() => totalUnread(conversations.value.values()));

export function countMessage(event: MessageEvent): void {
  const held = conversations.value.get(event.conversationId);
  if (!held) return;
  const { conversation, gap } = countEvent(held, event, me.value, isWatchingLatest(event.conversationId));
  updateConversation(event.conversationId, () => conversation);
  if (gap) void refreshConversation(event.conversationId);
}

export function noteRead(conversationId: number, seq: number): void {
  updateConversation(conversationId, (conversation) => readUpTo(conversation, seq));
}

const marking = new Set<number>();

async function markRead(conversationId: number, seq: number): Promise<void> {
  if (marking.has(conversationId)) return;
  marking.add(conversationId);
  noteRead(conversationId, seq);
  try {
    const { readSeq } = await api.markRead(conversationId, seq);
    noteRead(conversationId, readSeq);
  } catch {
    // The next event or reconnect tries again; an unread badge a little too long is harmless.
  } finally {
    marking.delete(conversationId);
  }
}

export function startUnreadTracking(): () => void {
  const stopTitle = effect(() => {
    document.title = documentTitle(unreadTotal.value);
  });
  const stopMarking = effect(() => {
    const id = viewport.value.conversationId;
    if (id === null || !isWatchingLatest(id)) return;
    const conversation = conversations.value.get(id);
    const appliedSeq = timelines.value.get(id)?.appliedSeq ?? null;
    if (!conversation || appliedSeq === null) return;
    if (conversation.readSeq < appliedSeq) void markRead(id, appliedSeq);
  });
  return () => {
    stopTitle();
    stopMarking();
    document.title = documentTitle(0);
  };
}
