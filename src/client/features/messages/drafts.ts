// What was typed but not sent, per person and conversation, kept in local storage so switching conversations or
// reloading the page loses nothing. Storage may be full or disabled (private windows): drafts then live only as
// long as the tab, which is what a person would expect anyway.

export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function draftKey(userId: number, conversationId: number): string {
  return `minimost:draft:${userId}:${conversationId}`;
}

export function loadDraft(storage: DraftStorage | null, userId: number, conversationId: number): string {
  try {
    return storage?.getItem(draftKey(userId, conversationId)) ?? '';
  } catch {
    return '';
  }
}

export function saveDraft(storage: DraftStorage | null, userId: number, conversationId: number, text: string): void {
  try {
    if (text.trim() === '') storage?.removeItem(draftKey(userId, conversationId));
    else storage?.setItem(draftKey(userId, conversationId), text);
  } catch {
    // Full or disabled storage: the draft stays in memory for this tab.
  }
}
