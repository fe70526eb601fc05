import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, type Preferences } from '../../../shared/protocol/preferences.js';
import { decideAlert, NO_ALERT } from './decide.js';

const ME = 1;
const message = { conversationId: 10, authorId: 2, kind: 'user' as const };
const away = { focused: false, openConversationId: null };
const elsewhere = { focused: true, openConversationId: 11 };
const here = { focused: true, openConversationId: 10 };
const prefs = (changes: Partial<Preferences> = {}): Preferences => ({ ...DEFAULT_PREFERENCES, ...changes });

describe('decideAlert', () => {
  it('alerts for any message while no tab is focused', () => {
    expect(decideAlert(message, false, ME, prefs(), away)).toEqual({ notify: true, sound: 'message' });
    expect(decideAlert(message, true, ME, prefs(), away)).toEqual({ notify: true, sound: 'mention' });
  });

  it('never for my own messages, system messages, or the conversation on screen', () => {
    expect(decideAlert({ ...message, authorId: ME }, false, ME, prefs(), away)).toEqual(NO_ALERT);
    expect(decideAlert({ ...message, kind: 'system', authorId: null }, false, ME, prefs(), away)).toEqual(NO_ALERT);
    expect(decideAlert(message, true, ME, prefs(), here)).toEqual(NO_ALERT);
  });

  it('while focused elsewhere: mentions always, other messages only when asked for', () => {
    expect(decideAlert(message, false, ME, prefs(), elsewhere)).toEqual(NO_ALERT);
    expect(decideAlert(message, true, ME, prefs(), elsewhere)).toEqual({ notify: true, sound: 'mention' });
    expect(decideAlert(message, false, ME, prefs({ notifyWhileFocused: true }), elsewhere)).toEqual({ notify: true, sound: 'message' });
  });

  it('a muted conversation is silent except for mentions, unless those are muted too', () => {
    const muted = prefs({ mutedConversations: [{ conversationId: 10, muteMentions: false }] });
    expect(decideAlert(message, false, ME, muted, away)).toEqual(NO_ALERT);
    expect(decideAlert(message, true, ME, muted, away)).toEqual({ notify: true, sound: 'mention' });
    const deeper = prefs({ mutedConversations: [{ conversationId: 10, muteMentions: true }] });
    expect(decideAlert(message, true, ME, deeper, away)).toEqual(NO_ALERT);
  });

  it('follows the toggles for notifications and sounds separately', () => {
    expect(decideAlert(message, false, ME, prefs({ sounds: false }), away)).toEqual({ notify: true, sound: null });
    expect(decideAlert(message, false, ME, prefs({ desktopNotifications: false }), away)).toEqual({ notify: false, sound: 'message' });
  });
});
