import { Type, type Static } from 'typebox';

/** A conversation the user muted: no alert, no sound; `muteMentions` silences @mentions there too. */
export const ConversationMute = Type.Object({ conversationId: Type.Integer(), muteMentions: Type.Boolean() });
export type ConversationMute = Static<typeof ConversationMute>;

/** How MiniMost alerts this user, on every device they sign in on. */
export const Preferences = Type.Object({
  /** Desktop notifications wanted (the browser's permission is asked separately, on each device). */
  desktopNotifications: Type.Boolean(),
  sounds: Type.Boolean(),
  /** Alert for new messages in other conversations even while the tab is focused (mentions always do). */
  notifyWhileFocused: Type.Boolean(),
  /** Enter makes a new line and Shift+Enter sends, instead of the other way round. */
  swapEnter: Type.Boolean(),
  mutedConversations: Type.Array(ConversationMute),
});
export type Preferences = Static<typeof Preferences>;

export const DEFAULT_PREFERENCES: Preferences = {
  desktopNotifications: true,
  sounds: true,
  notifyWhileFocused: false,
  swapEnter: false,
  mutedConversations: [],
};

/** Any subset of the toggles; the ones left out keep their value. */
export const UpdatePreferencesRequest = Type.Object(
  {
    desktopNotifications: Type.Optional(Type.Boolean()),
    sounds: Type.Optional(Type.Boolean()),
    notifyWhileFocused: Type.Optional(Type.Boolean()),
    swapEnter: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdatePreferencesRequest = Static<typeof UpdatePreferencesRequest>;

export const MuteConversationRequest = Type.Object(
  { muteMentions: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type MuteConversationRequest = Static<typeof MuteConversationRequest>;
