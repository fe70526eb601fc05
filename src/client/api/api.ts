// Typed calls for every route in docs/api.md. The fetch itself, CSRF header and response checking live in http.ts.
import { Type } from 'typebox';
import {
  AuthResult,
  IceServers,
  SessionInfo,
  type ChangePasswordRequest,
  type Credentials,
  type DeleteAccountRequest,
  type ResetPasswordRequest,
  type SignupRequest,
} from '../../shared/protocol/auth.js';
import { Conversation, ConversationList, type PresenceOverride } from '../../shared/protocol/conversations.js';
import { ChangesPage } from '../../shared/protocol/events.js';
import { MentionsPage, type MentionsQuery } from '../../shared/protocol/mentions-view.js';
import { HistoryPage, Message, SendMessageResult, type SendMessageRequest } from '../../shared/protocol/messages.js';
import { PinList } from '../../shared/protocol/pin-list.js';
import { Preferences, type UpdatePreferencesRequest } from '../../shared/protocol/preferences.js';
import { SearchResults, type SearchRequest } from '../../shared/protocol/search.js';
import { ProfileResult } from '../../shared/protocol/profiles.js';
import { request, requestBytes, setCsrfToken, withQuery } from './http.js';

export { ApiError } from './api-error.js';

const ReadResult = Type.Object({ readSeq: Type.Integer() });

/** Which page of history to fetch: the newest, the one before a seq, or the one around a message. */
export type HistoryAnchor = { before?: number; around?: number; limit?: number };

const conversationPath = (id: number) => `/api/conversations/${id}`;
const reactionPath = (messageId: number, emoji: string) => `/api/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`;

export const api = {
  // ----- session and account

  async getSession(): Promise<SessionInfo> {
    const session = await request('GET', '/api/session', undefined, SessionInfo);
    setCsrfToken(session.csrfToken);
    return session;
  },

  async signUp(body: SignupRequest): Promise<AuthResult> {
    const result = await request('POST', '/api/auth/signup', body, AuthResult);
    setCsrfToken(result.csrfToken);
    return result;
  },

  async logIn(body: Credentials): Promise<AuthResult> {
    const result = await request('POST', '/api/auth/login', body, AuthResult);
    setCsrfToken(result.csrfToken);
    return result;
  },

  logOut: () => request('POST', '/api/auth/logout', {}),
  changePassword: (body: ChangePasswordRequest) => request('POST', '/api/auth/password', body),
  resetPassword: (body: ResetPasswordRequest) => request('POST', '/api/auth/reset-password', body),
  iceServers: () => request('GET', '/api/ice-servers', undefined, IceServers),
  deleteAccount: (body: DeleteAccountRequest) => request('DELETE', '/api/account', body),
  setAvatar: (image: Blob) => requestBytes('PUT', '/api/account/avatar', image, ProfileResult),
  removeAvatar: () => request('DELETE', '/api/account/avatar', undefined, ProfileResult),
  setColour: (colour: string | null) => request('PUT', '/api/account/colour', { colour }, ProfileResult),

  // ----- conversations

  listConversations: () => request('GET', '/api/conversations', undefined, ConversationList),
  getConversation: (id: number) => request('GET', conversationPath(id), undefined, Conversation),
  createPrivateChannel: (name: string, members: string[]) =>
    request('POST', '/api/conversations/private', { name, members }, Conversation),
  openDirectMessage: (members: string[]) => request('POST', '/api/conversations/dm', { members }, Conversation),
  renameChannel: (id: number, name: string) => request('PATCH', conversationPath(id), { name }, Conversation),
  addMember: (id: number, username: string) => request('POST', `${conversationPath(id)}/members`, { username }, Conversation),
  leaveChannel: (id: number) => request('POST', `${conversationPath(id)}/leave`, {}),
  closeDirectMessage: (id: number) => request('POST', `${conversationPath(id)}/close`, {}),
  markRead: (id: number, seq: number) => request('POST', `${conversationPath(id)}/read`, { seq }, ReadResult),

  // ----- messages

  history: (id: number, anchor: HistoryAnchor = {}) =>
    request('GET', withQuery(`${conversationPath(id)}/messages`, anchor), undefined, HistoryPage),
  changes: (id: number, after: number) => request('GET', withQuery(`${conversationPath(id)}/changes`, { after }), undefined, ChangesPage),
  sendMessage: (id: number, body: SendMessageRequest) => request('POST', `${conversationPath(id)}/messages`, body, SendMessageResult),
  editMessage: (messageId: number, text: string) => request('PATCH', `/api/messages/${messageId}`, { text }, Message),
  deleteMessage: (messageId: number) => request('DELETE', `/api/messages/${messageId}`),
  addReaction: (messageId: number, emoji: string) => request('PUT', reactionPath(messageId, emoji), undefined, Message),
  removeReaction: (messageId: number, emoji: string) => request('DELETE', reactionPath(messageId, emoji), undefined, Message),

  // ----- mentions and pins

  listMentions: (query: MentionsQuery) => request('GET', withQuery('/api/mentions', query), undefined, MentionsPage),
  pinMessage: (messageId: number) => request('PUT', `/api/messages/${messageId}/pin`, {}, Message),
  unpinMessage: (messageId: number) => request('DELETE', `/api/messages/${messageId}/pin`, {}, Message),
  listPins: (id: number) => request('GET', `${conversationPath(id)}/pins`, undefined, PinList),
  removePreviews: (messageId: number) => request('DELETE', `/api/messages/${messageId}/previews`),

  // ----- preferences

  getPreferences: () => request('GET', '/api/preferences', undefined, Preferences),
  updatePreferences: (body: UpdatePreferencesRequest) => request('PUT', '/api/preferences', body, Preferences),
  muteConversation: (id: number, muteMentions: boolean) => request('PUT', `${conversationPath(id)}/mute`, { muteMentions }, Preferences),
  unmuteConversation: (id: number) => request('DELETE', `${conversationPath(id)}/mute`, undefined, Preferences),

  // ----- search

  searchMessages: (query: SearchRequest, signal?: AbortSignal) =>
    request('GET', withQuery('/api/search', query), undefined, SearchResults, { signal }),

  // ----- presence

  setPresenceOverride: (override: PresenceOverride) => request('PUT', '/api/presence', { override }),
};

export type Api = typeof api;
