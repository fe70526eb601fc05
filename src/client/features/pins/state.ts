// Each conversation's pinned messages as this tab knows them: loaded when its header shows, then kept current from
// `message.updated` / `message.deleted` events (a pin or unpin by anyone arrives as one), and reloaded on reconnect.
import { signal } from '@preact/signals';
import { api } from '../../api/api.js';
import { conversationPath, navigate } from '../../app/router.js';
import type { Message } from '../../../shared/protocol/messages.js';
import { errorMessage } from '../auth/error-message.js';
import { requestJump } from '../messages/view-state.js';
import { withPinChange } from './pin-list.js';

/** Most recently pinned first. */
export const pinsByConversation = signal<ReadonlyMap<number, readonly Message[]>>(new Map());
/** The latest refusal (the 50-pin limit, a message gone), shown in the conversation header. */
export const pinProblem = signal<{ conversationId: number; text: string } | null>(null);
export const pinsPanelOpen = signal<number | null>(null);

function setPins(conversationId: number, pins: readonly Message[]): void {
  pinsByConversation.value = new Map(pinsByConversation.value).set(conversationId, pins);
}

export async function loadPins(conversationId: number): Promise<void> {
  try {
    const { messages } = await api.listPins(conversationId);
    setPins(conversationId, messages);
  } catch {
    // The header shows no count; the next event or reconnect tries again.
  }
}

/** A message changed: it joins the front of the list when newly pinned, leaves it when unpinned or deleted. */
export function notePinChange(message: Message): void {
  const held = pinsByConversation.value.get(message.conversationId);
  if (!held) return;
  const next = withPinChange(held, message);
  if (next !== held) setPins(message.conversationId, next);
}

export function reloadHeldPins(): void {
  for (const conversationId of pinsByConversation.value.keys()) void loadPins(conversationId);
}

export async function togglePin(message: Message): Promise<void> {
  pinProblem.value = null;
  try {
    const updated = message.pinned ? await api.unpinMessage(message.id) : await api.pinMessage(message.id);
    notePinChange(updated);
  } catch (failure) {
    pinProblem.value = { conversationId: message.conversationId, text: errorMessage(failure) };
  }
}

export function jumpToPin(message: Message): void {
  pinsPanelOpen.value = null;
  requestJump(message.conversationId, message.id);
  navigate(conversationPath(message.conversationId));
}
