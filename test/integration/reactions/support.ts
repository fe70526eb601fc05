import type { Message } from '../../../src/shared/protocol/messages.js';
import { expectStatus, type ChatUser } from '../../support/chat-user.js';

export const reactionPath = (messageId: number, emoji: string) => `/api/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`;

export function reactRequest(user: ChatUser, messageId: number, emoji: string): Promise<Response> {
  return user.request('PUT', reactionPath(messageId, emoji));
}

export function unreactRequest(user: ChatUser, messageId: number, emoji: string): Promise<Response> {
  return user.request('DELETE', reactionPath(messageId, emoji));
}

export async function react(user: ChatUser, messageId: number, emoji: string): Promise<Message> {
  return expectStatus(await reactRequest(user, messageId, emoji), 200);
}

export async function unreact(user: ChatUser, messageId: number, emoji: string): Promise<Message> {
  return expectStatus(await unreactRequest(user, messageId, emoji), 200);
}

/** The reactions as `{ '👍️': ['alice', 'bob'] }`, in order, for readable assertions. */
export function summary(message: Message, names: ReadonlyMap<number, string>): Record<string, string[]> {
  return Object.fromEntries(message.reactions.map((r) => [r.emoji, r.userIds.map((id) => names.get(id) ?? String(id))]));
}
