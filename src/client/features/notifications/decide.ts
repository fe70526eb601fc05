// Whether a new message alerts this person, and how: pure, so every rule of docs/api.md ("Preferences") is tested.
import type { Preferences } from '../../../shared/protocol/preferences.js';

export type SoundName = 'message' | 'mention' | 'incomingCall' | 'callAnswered' | 'hangUp' | 'participantLeft';

export interface Alert {
  /** Show a desktop notification (preference on; the browser's permission is checked by the caller). */
  notify: boolean;
  sound: SoundName | null;
}

/** What the person is looking at, over all of their tabs in this browser. */
export interface Attention {
  /** Some tab is visible and focused. */
  focused: boolean;
  /** The conversation that focused tab shows. */
  openConversationId: number | null;
}

export const NO_ALERT: Alert = { notify: false, sound: null };

export function decideAlert(
  message: { conversationId: number; authorId: number | null; kind: 'user' | 'system' },
  mentioned: boolean,
  me: number,
  preferences: Preferences,
  attention: Attention,
): Alert {
  if (message.kind !== 'user' || message.authorId === me) return NO_ALERT;
  const mute = preferences.mutedConversations.find((m) => m.conversationId === message.conversationId);
  if (mute && (!mentioned || mute.muteMentions)) return NO_ALERT;
  if (attention.focused) {
    // Already on screen: nothing to tell.
    if (attention.openConversationId === message.conversationId) return NO_ALERT;
    if (!mentioned && !preferences.notifyWhileFocused) return NO_ALERT;
  }
  return { notify: preferences.desktopNotifications, sound: preferences.sounds ? (mentioned ? 'mention' : 'message') : null };
}
