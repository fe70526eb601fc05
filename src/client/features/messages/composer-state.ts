// The composer of each conversation: its draft (kept across switches and reloads), the message being replied to,
// the last send error, and sending itself — optimistic, with a client id that makes a retry safe.
import { batch, signal } from '@preact/signals';
import { api } from '../../api/api.js';
import type { Message, ReplyPreview } from '../../../shared/protocol/messages.js';
import { clearAttachments, filesOf, takeFiles, uploadedIds } from '../attachments/state.js';
import { errorMessage } from '../auth/error-message.js';
import { me } from '../conversations/state.js';
import { finishedTyping } from '../typing/state.js';
import { newClientId } from './client-id.js';
import { loadDraft, saveDraft } from './drafts.js';
import { updateTimeline } from './state.js';
import { previewOf, withoutPending, withPending, withSentMessage } from './timeline.js';

const drafts = signal<ReadonlyMap<number, string>>(new Map());
export const replyTargets = signal<ReadonlyMap<number, Message>>(new Map());
export const sendErrors = signal<ReadonlyMap<number, string>>(new Map());

/** The client id of a send that failed, reused when the same text is sent again (it may have arrived after all). */
const failedSends = new Map<number, { text: string; clientId: string }>();
/** Conversations whose Send waits for uploads to finish: pressing it again meanwhile does nothing. */
const waitingForFiles = new Set<number>();

/** On sign-out: nothing typed by one person may show up for the next one on this tab. */
export function clearComposers(): void {
  batch(() => {
    drafts.value = new Map();
    replyTargets.value = new Map();
    sendErrors.value = new Map();
  });
  failedSends.clear();
  clearAttachments();
}

function storage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

export function draftOf(conversationId: number): string {
  return drafts.value.get(conversationId) ?? loadDraft(storage(), me.value, conversationId);
}

export function setDraft(conversationId: number, text: string): void {
  drafts.value = new Map(drafts.value).set(conversationId, text);
  saveDraft(storage(), me.value, conversationId, text);
}

export function replyTo(message: Message | null, conversationId: number): void {
  const next = new Map(replyTargets.value);
  if (message) next.set(conversationId, message);
  else next.delete(conversationId);
  replyTargets.value = next;
}

export function setSendError(conversationId: number, message: string | null): void {
  const next = new Map(sendErrors.value);
  if (message === null) next.delete(conversationId);
  else next.set(conversationId, message);
  sendErrors.value = next;
}

/**
 * Shows the message at once as pending and empties the composer; the server's copy replaces the pending one when
 * it arrives (answer or event, whichever is first). On failure the text and reply go back into the composer.
 */
export async function sendDraft(conversationId: number): Promise<void> {
  const withFiles = filesOf(conversationId).length > 0;
  if (draftOf(conversationId).trim() === '' && !withFiles) return;
  let attachmentIds: string[] = [];
  let fileKeys: string[] = [];
  if (withFiles) {
    if (waitingForFiles.has(conversationId)) return;
    // Files go first; a failed upload keeps the words and the files in the composer for another try.
    waitingForFiles.add(conversationId);
    try {
      ({ ids: attachmentIds, keys: fileKeys } = await uploadedIds(conversationId));
    } catch (error) {
      setSendError(conversationId, errorMessage(error));
      return;
    } finally {
      waitingForFiles.delete(conversationId);
    }
  }
  const text = draftOf(conversationId);
  const files = takeFiles(conversationId, fileKeys);
  const parent = replyTargets.value.get(conversationId) ?? null;
  const failed = failedSends.get(conversationId);
  const clientId = failed && failed.text === text ? failed.clientId : newClientId();
  failedSends.delete(conversationId);
  batch(() => {
    setDraft(conversationId, '');
    replyTo(null, conversationId);
    setSendError(conversationId, null);
    updateTimeline(conversationId, (timeline) =>
      withPending(timeline, { clientId, authorId: me.value, text: text.trim(), replyTo: parent && replyPreviewOf(parent), createdAt: Date.now() }),
    );
  });
  finishedTyping(conversationId);
  try {
    const { message } = await api.sendMessage(conversationId, { clientId, text, replyToId: parent?.id ?? null, ...(withFiles ? { attachmentIds } : {}) });
    updateTimeline(conversationId, (timeline) => withSentMessage(timeline, message));
    files.release();
  } catch (error) {
    batch(() => {
      files.restore();
      updateTimeline(conversationId, (timeline) => withoutPending(timeline, clientId));
      // Something new typed meanwhile is kept rather than overwritten.
      if (draftOf(conversationId).trim() === '') {
        setDraft(conversationId, text);
        if (parent) replyTo(parent, conversationId);
        failedSends.set(conversationId, { text, clientId });
      }
      setSendError(conversationId, errorMessage(error));
    });
  }
}

function replyPreviewOf(parent: Message): ReplyPreview {
  return { id: parent.id, authorId: parent.authorId, text: parent.text === null ? null : previewOf(parent.text), deleted: parent.deletedAt !== null };
}
