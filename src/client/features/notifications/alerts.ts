// Turns new messages into alerts: a desktop notification and a sound, from the one elected tab only (tabs.ts),
// following this person's preferences (decide.ts). Also keeps the favicon dot and app badge in step with unread.
import { effect } from '@preact/signals';
import type { Message } from '../../../shared/protocol/messages.js';
import { conversationPath, navigate } from '../../app/router.js';
import { conversations, me, nameOf, openConversationId, users } from '../conversations/state.js';
import { onMentioned } from '../mentions/state.js';
import { unreadTotal } from '../unread/state.js';
import { decideAlert } from './decide.js';
import { showUnread } from './favicon.js';
import { playSound } from './sounds.js';
import { notificationPermission, preferences, refreshPermission, resetPreferences } from './state.js';
import { attention, isAlertingTab, startTabElection } from './tabs.js';

const BODY_LENGTH = 140;

function bodyOf(message: Message): string {
  const author = message.authorId === null ? '' : (users.value.get(message.authorId)?.username ?? '');
  const text = (message.text ?? '').replace(/\s+/g, ' ').trim();
  const shown = text.length > BODY_LENGTH ? `${text.slice(0, BODY_LENGTH - 1)}…` : text || 'Sent an attachment';
  return author ? `${author}: ${shown}` : shown;
}

function showNotification(message: Message): void {
  const conversation = conversations.value.get(message.conversationId);
  const title = conversation ? nameOf(conversation) : 'MiniMost';
  try {
    // The tag folds a burst in one conversation into one notification instead of a pile.
    const notification = new Notification(title, { body: bodyOf(message), tag: `conversation-${message.conversationId}`, icon: '/icons/icon-192.png' });
    notification.onclick = () => {
      window.focus();
      navigate(conversationPath(message.conversationId));
      notification.close();
    };
  } catch {
    // Some mobile browsers only allow notifications from a service worker; the sound and badges still tell.
  }
}

/** A message this tab just learnt of (live, not a catch-up): alerts if the rules say so. */
export function alertFor(message: Message, mentioned: boolean): void {
  if (!isAlertingTab.value) return;
  refreshPermission();
  const alert = decideAlert(message, mentioned, me.value, preferences.value, attention());
  if (alert.sound) playSound(alert.sound);
  if (alert.notify && notificationPermission.value === 'granted') showNotification(message);
}

export function startNotifications(): () => void {
  const stopElection = startTabElection(openConversationId);
  const stopMentions = onMentioned((message) => alertFor(message, true));
  const stopUnread = effect(() => showUnread(unreadTotal.value));
  return () => {
    stopElection();
    stopMentions();
    stopUnread();
    showUnread(0);
    resetPreferences();
  };
}
