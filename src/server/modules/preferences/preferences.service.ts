import type { Preferences, UpdatePreferencesRequest } from '../../../shared/protocol/preferences.js';
import type { EventBus } from '../../realtime/event-bus.js';
import { accessConversation } from '../conversations/access.js';
import type { Actor } from '../conversations/conversations.service.js';
import type { ConversationStore } from '../conversations/conversations.store.js';
import type { PreferenceStore } from './preferences.store.js';

/**
 * A person's alert preferences. Every change goes to all of their tabs as `preferences.updated`, so a toggle
 * flipped on the phone silences the laptop at once; nobody else ever sees them.
 */
export function createPreferenceService(deps: { store: PreferenceStore; conversations: ConversationStore; bus: EventBus }) {
  const { store, conversations, bus } = deps;

  function announce(userId: number, preferences: Preferences): Preferences {
    bus.publish({ userIds: [userId] }, { type: 'preferences.updated', preferences });
    return preferences;
  }

  return {
    getPreferences: (actor: Actor): Promise<Preferences> => store.getPreferences(actor.id),

    async updatePreferences(actor: Actor, changes: UpdatePreferencesRequest): Promise<Preferences> {
      return announce(actor.id, await store.updatePreferences(actor.id, changes));
    },

    /** Only a conversation the user can see may be muted: anything else is "not found", as everywhere. */
    async muteConversation(actor: Actor, conversationId: number, muteMentions: boolean): Promise<Preferences> {
      await accessConversation(conversations, actor.id, conversationId);
      return announce(actor.id, await store.mute(actor.id, conversationId, muteMentions));
    },

    async unmuteConversation(actor: Actor, conversationId: number): Promise<Preferences> {
      await accessConversation(conversations, actor.id, conversationId);
      return announce(actor.id, await store.unmute(actor.id, conversationId));
    },
  };
}

export type PreferenceService = ReturnType<typeof createPreferenceService>;
