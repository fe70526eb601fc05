// The Mentions view: this person's unread mentions across conversations, the count on the header button, and the
// `onMentioned` subscription (for notifications). The server's list is the source; conversations' read positions
// (which change locally and from other tabs) drop read mentions at once, without waiting for a refetch.
import { computed, signal } from '@preact/signals';
import { api } from '../../api/api.js';
import { conversationPath, navigate } from '../../app/router.js';
import type { Message } from '../../../shared/protocol/messages.js';
import { errorMessage } from '../auth/error-message.js';
import { conversations, me, refreshConversation } from '../conversations/state.js';
import { requestJump } from '../messages/view-state.js';
import { mentionsMe } from './mentions.js';

interface Loaded {
  messages: readonly Message[];
  total: number;
  nextBefore: number | null;
}

const loaded = signal<Loaded>({ messages: [], total: 0, nextBefore: null });
export const mentionsPanelOpen = signal(false);
export const mentionsError = signal<string | null>(null);
export const mentionsLoading = signal(false);

function stillUnread(message: Message): boolean {
  const conversation = conversations.value.get(message.conversationId);
  return conversation !== undefined && message.seq > conversation.readSeq;
}

/** Unread mentions as the view shows them, newest first. */
export const unreadMentions = computed(() => loaded.value.messages.filter(stillUnread));

/** The count on the header button: the server's total less those read since it answered. */
export const mentionCount = computed(() => Math.max(0, loaded.value.total - (loaded.value.messages.length - unreadMentions.value.length)));

export const hasMoreMentions = computed(() => loaded.value.nextBefore !== null);

let generation = 0;

export async function loadMentions(): Promise<void> {
  const mine = ++generation;
  mentionsLoading.value = true;
  try {
    const page = await api.listMentions({});
    if (mine !== generation) return;
    loaded.value = { messages: page.messages, total: page.total, nextBefore: page.nextBefore };
    mentionsError.value = null;
  } catch (failure) {
    if (mine === generation) mentionsError.value = errorMessage(failure);
  } finally {
    if (mine === generation) mentionsLoading.value = false;
  }
}

export async function loadMoreMentions(): Promise<void> {
  const { nextBefore } = loaded.value;
  if (nextBefore === null) return;
  const mine = generation;
  try {
    const page = await api.listMentions({ before: nextBefore });
    if (mine !== generation) return;
    loaded.value = { messages: [...loaded.value.messages, ...page.messages], total: page.total, nextBefore: page.nextBefore };
  } catch (failure) {
    mentionsError.value = errorMessage(failure);
  }
}

let refetchTimer: ReturnType<typeof setTimeout> | null = null;

/** Several events in a burst (a paste of many @mentions, a catch-up) cost one request. */
function refetchSoon(): void {
  if (refetchTimer !== null) return;
  refetchTimer = setTimeout(() => {
    refetchTimer = null;
    void loadMentions();
  }, 200);
}

export function clearMentions(): void {
  generation++;
  loaded.value = { messages: [], total: 0, nextBefore: null };
  mentionsPanelOpen.value = false;
}

// ----- live

type Listener = (message: Message) => void;
const listeners = new Set<Listener>();

/**
 * Calls `listener` when a live message mentions this person for the first time (sent, or edited to add them): by
 * name, `@everyone`, or `@here` while they were active. Returns the unsubscribe function.
 */
export function onMentioned(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const held = new Set<number>();

/** A message event: updates the view when it concerns a mention, and tells listeners about new ones. */
export function noteMessage(message: Message, isNew: boolean, before: Message | undefined): void {
  const forMe = mentionsMe(message, me.value);
  const wasForMe = (before !== undefined && mentionsMe(before, me.value)) || held.has(message.id);
  const listed = loaded.value.messages.some((m) => m.id === message.id);
  if (forMe && (isNew || !wasForMe)) {
    held.add(message.id);
    for (const listener of listeners) listener(message);
  }
  if (forMe || listed) {
    if (listed) loaded.value = { ...loaded.value, messages: loaded.value.messages.map((m) => (m.id === message.id ? message : m)) };
    refetchSoon();
  }
}

let loadedFor = 0;

/** After a (re)connect; a different person signed in to this tab starts from an empty view. */
export function refreshMentions(): void {
  if (loadedFor !== me.value) {
    clearMentions();
    held.clear();
    loadedFor = me.value;
  }
  refetchSoon();
}

export async function openMention(message: Message): Promise<void> {
  const id = message.conversationId;
  if (!conversations.value.has(id)) await refreshConversation(id);
  if (!conversations.value.has(id)) {
    mentionsError.value = 'That conversation is no longer available.';
    return;
  }
  mentionsPanelOpen.value = false;
  requestJump(id, message.id);
  navigate(conversationPath(id));
}
