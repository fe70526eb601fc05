// The conversations this person is in, the people they can talk to, and the actions that change either. Signals
// and actions only; rules live in model.ts, rendering in the components.
import { batch, computed, signal } from '@preact/signals';
import { api } from '../../api/api.js';
import { conversationPath, currentPath, navigate } from '../../app/router.js';
import { conversationIdFrom } from '../../app/routes.js';
import type { Conversation, UserSummary } from '../../../shared/protocol/conversations.js';
import { showProfilesFrom } from '../../ui/avatar.js';
import { currentUser } from '../auth/state.js';
import { displayName, mergeConversation, sidebarSections, type Users } from './model.js';

export const me = computed(() => currentUser.value?.id ?? 0);
export const users = signal<Users>(new Map());
showProfilesFrom(users);
export const conversations = signal<ReadonlyMap<number, Conversation>>(new Map());
export const listStatus = signal<'loading' | 'ready' | 'failed'>('loading');
export const listError = signal<string | null>(null);

export const openConversationId = computed(() => conversationIdFrom(currentPath.value));
export const openConversation = computed(() => {
  const id = openConversationId.value;
  return id === null ? null : (conversations.value.get(id) ?? null);
});
export const sections = computed(() => sidebarSections(conversations.value.values(), me.value, users.value));
/** Where `/` and a vanished conversation lead: the first public channel. */
export const defaultConversationId = computed(() => {
  const { channels, privateChannels, directMessages } = sections.value;
  return (channels[0] ?? privateChannels[0] ?? directMessages[0])?.id ?? null;
});

export function nameOf(conversation: Conversation): string {
  return displayName(conversation, me.value, users.value);
}

// ----- keeping the list

let loading: Promise<void> | null = null;
let loadAgain = false;

/**
 * Fetches the whole list (on start and after every reconnect). Calls while one is in flight run it once more
 * afterwards, so the newest answer always wins and the server is not asked in parallel.
 */
export function loadConversations(): Promise<void> {
  if (loading) {
    loadAgain = true;
    return loading;
  }
  loading = (async () => {
    do {
      loadAgain = false;
      try {
        const list = await api.listConversations();
        batch(() => {
          users.value = new Map(list.users.map((user) => [user.id, user]));
          const held = conversations.value;
          // Conversations missing from the answer were left or closed meanwhile (perhaps in another tab).
          conversations.value = new Map(list.conversations.map((c) => [c.id, mergeConversation(held.get(c.id), c)]));
          listStatus.value = 'ready';
          listError.value = null;
        });
      } catch (error) {
        if (listStatus.value !== 'ready') listStatus.value = 'failed';
        listError.value = error instanceof Error ? error.message : String(error);
      }
    } while (loadAgain);
    loading = null;
  })();
  return loading;
}

export function putConversation(conversation: Conversation): void {
  const next = new Map(conversations.value);
  next.set(conversation.id, mergeConversation(next.get(conversation.id), conversation));
  conversations.value = next;
}

export function updateConversation(id: number, change: (conversation: Conversation) => Conversation): void {
  const held = conversations.value.get(id);
  if (!held) return;
  const changed = change(held);
  if (changed === held) return;
  conversations.value = new Map(conversations.value).set(id, changed);
}

export function dropConversation(id: number): void {
  if (!conversations.value.has(id)) return;
  const next = new Map(conversations.value);
  next.delete(id);
  conversations.value = next;
}

export function putUser(user: UserSummary): void {
  users.value = new Map(users.value).set(user.id, user);
}

/** Fetches one conversation again (its unread count after missed events). Gone means it left the list. */
export async function refreshConversation(id: number): Promise<void> {
  try {
    putConversation(await api.getConversation(id));
  } catch {
    // Not found any more: the list refresh after the next reconnect settles it; nothing to show here.
  }
}

export function clearConversations(): void {
  batch(() => {
    conversations.value = new Map();
    users.value = new Map();
    listStatus.value = 'loading';
  });
}

// ----- actions

export async function createPrivateChannel(name: string, members: string[]): Promise<void> {
  const conversation = await api.createPrivateChannel(name, members);
  putConversation(conversation);
  navigate(conversationPath(conversation.id));
}

export async function openDirectMessage(members: string[]): Promise<void> {
  const conversation = await api.openDirectMessage(members);
  putConversation(conversation);
  navigate(conversationPath(conversation.id));
}

export async function renameChannel(id: number, name: string): Promise<void> {
  putConversation(await api.renameChannel(id, name));
}

/** The API adds one person at a time; stops at the first refusal, keeping those already added. */
export async function addPeople(id: number, usernames: readonly string[]): Promise<void> {
  for (const username of usernames) putConversation(await api.addMember(id, username));
}

export async function leaveChannel(id: number): Promise<void> {
  await api.leaveChannel(id);
  dropConversation(id);
}

export async function closeConversation(id: number): Promise<void> {
  await api.closeDirectMessage(id);
  dropConversation(id);
}
