import type { Preferences, UpdatePreferencesRequest } from '../../../shared/protocol/preferences.js';

export interface PreferenceStore {
  /** The stored preferences, defaults filled in for a user who never changed any. */
  getPreferences(userId: number): Promise<Preferences>;
  updatePreferences(userId: number, changes: UpdatePreferencesRequest): Promise<Preferences>;
  /** Mutes the conversation, or changes whether its mentions are muted too. */
  mute(userId: number, conversationId: number, muteMentions: boolean): Promise<Preferences>;
  unmute(userId: number, conversationId: number): Promise<Preferences>;
}
