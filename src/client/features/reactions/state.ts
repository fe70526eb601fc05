// Reactions in the web app: toggling one (shown at once, undone if the server refuses) and the emoji this device
// used recently, first in the picker.
import { signal } from '@preact/signals';
import { emojiKey } from '../../../shared/domain/emoji.js';
import type { Message } from '../../../shared/protocol/messages.js';
import { api } from '../../api/api.js';
import { errorMessage } from '../auth/error-message.js';
import { withRecent } from './emoji-search.js';

const RECENT_KEY = 'minimost.recentEmoji';

/** Per message, the toggles whose requests are in flight (emoji → on/off). */
export const pendingToggles = signal<ReadonlyMap<number, ReadonlyMap<string, boolean>>>(new Map());
/** Per message, why the last toggle failed; cleared by the next one. */
export const reactionErrors = signal<ReadonlyMap<number, string>>(new Map());
export const recentEmoji = signal<readonly string[]>(loadRecent());

function storage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

function loadRecent(): string[] {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((e): e is string => typeof e === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberEmoji(emoji: string): void {
  recentEmoji.value = withRecent(recentEmoji.value, emoji);
  try {
    storage()?.setItem(RECENT_KEY, JSON.stringify(recentEmoji.value));
  } catch {
    // A full or disabled storage only costs the recent list.
  }
}

function setToggle(messageId: number, emoji: string, on: boolean | null): void {
  const next = new Map(pendingToggles.value);
  const toggles = new Map(next.get(messageId));
  if (on === null) toggles.delete(emoji);
  else toggles.set(emoji, on);
  if (toggles.size === 0) next.delete(messageId);
  else next.set(messageId, toggles);
  pendingToggles.value = next;
}

function setError(messageId: number, error: string | null): void {
  const next = new Map(reactionErrors.value);
  if (error === null) next.delete(messageId);
  else next.set(messageId, error);
  reactionErrors.value = next;
}

/** Adds or removes this person's reaction. The live update carries the result; the toggle only bridges the wait. */
export async function setReaction(message: Message, emoji: string, on: boolean): Promise<void> {
  setError(message.id, null);
  setToggle(message.id, emoji, on);
  try {
    await (on ? api.addReaction(message.id, emoji) : api.removeReaction(message.id, emoji));
  } catch (error) {
    setError(message.id, errorMessage(error));
  } finally {
    setToggle(message.id, emoji, null);
  }
}

/** From the picker: adds the emoji (picking one you already reacted with keeps it). */
export function react(message: Message, emoji: string): Promise<void> {
  rememberEmoji(emoji);
  return setReaction(message, emoji, true);
}

export function hasReacted(message: Message, emoji: string, me: number): boolean {
  return message.reactions.some((r) => emojiKey(r.emoji) === emojiKey(emoji) && r.userIds.includes(me));
}
