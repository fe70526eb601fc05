// This person's alert preferences (kept on the server, so they follow them to every device) and this browser's
// notification permission. Every change comes back as `preferences.updated` to all of their tabs.
import { computed, signal } from '@preact/signals';
import { api } from '../../api/api.js';
import { DEFAULT_PREFERENCES, type Preferences, type UpdatePreferencesRequest } from '../../../shared/protocol/preferences.js';

export const preferences = signal<Preferences>(DEFAULT_PREFERENCES);

type Permission = NotificationPermission | 'unsupported';

function currentPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** The browser's answer for desktop notifications; asked only when the person switches them on (never on load). */
export const notificationPermission = signal<Permission>(currentPermission());

export const mutedConversations = computed(() => new Map(preferences.value.mutedConversations.map((m) => [m.conversationId, m])));

export async function loadPreferences(): Promise<void> {
  try {
    preferences.value = await api.getPreferences();
  } catch {
    // The defaults stand until the next reconnect loads them.
  }
}

export function applyPreferences(next: Preferences): void {
  preferences.value = next;
}

export async function updatePreferences(changes: UpdatePreferencesRequest): Promise<void> {
  preferences.value = await api.updatePreferences(changes);
}

export async function muteConversation(conversationId: number, muteMentions: boolean): Promise<void> {
  preferences.value = await api.muteConversation(conversationId, muteMentions);
}

export async function unmuteConversation(conversationId: number): Promise<void> {
  preferences.value = await api.unmuteConversation(conversationId);
}

/** Asks the browser (from a click, as browsers require) and turns notifications on when allowed. */
export async function enableDesktopNotifications(): Promise<void> {
  if (typeof Notification === 'undefined') return;
  if (Notification.permission === 'default') await Notification.requestPermission();
  notificationPermission.value = currentPermission();
  if (notificationPermission.value === 'granted') await updatePreferences({ desktopNotifications: true });
}

export function refreshPermission(): void {
  notificationPermission.value = currentPermission();
}

export function resetPreferences(): void {
  preferences.value = DEFAULT_PREFERENCES;
}
