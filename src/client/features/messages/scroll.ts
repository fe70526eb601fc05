// Keeping the message list still while it changes: before each update the first visible row and its offset are
// noted; after it, the list is scrolled so that row is exactly where it was (older pages load above without the
// view moving). At the bottom, the list sticks to the bottom instead. The browser's own scroll anchoring is off
// (`overflow-anchor: none` in CSS) so the two do not fight.

/** Within this many pixels of the end counts as "at the newest message". */
const BOTTOM_SLACK_PX = 24;

export interface ScrollSnapshot {
  atBottom: boolean;
  anchorKey: string | null;
  anchorOffset: number;
}

export function isAtBottom(scroller: HTMLElement): boolean {
  return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= BOTTOM_SLACK_PX;
}

export function takeSnapshot(scroller: HTMLElement): ScrollSnapshot {
  const atBottom = isAtBottom(scroller);
  if (atBottom) return { atBottom, anchorKey: null, anchorOffset: 0 };
  const top = scroller.getBoundingClientRect().top;
  // Messages only: a day divider keeps its key while older messages of the same day load in below it.
  for (const row of scroller.querySelectorAll<HTMLElement>('article[data-key]')) {
    const rect = row.getBoundingClientRect();
    if (rect.bottom > top) return { atBottom, anchorKey: row.dataset.key ?? null, anchorOffset: rect.top - top };
  }
  return { atBottom, anchorKey: null, anchorOffset: 0 };
}

/** Puts the noted row back where it was. */
export function restoreAnchor(scroller: HTMLElement, snapshot: ScrollSnapshot): void {
  if (!snapshot.anchorKey) return;
  const row = scroller.querySelector<HTMLElement>(`[data-key="${CSS.escape(snapshot.anchorKey)}"]`);
  if (!row) return;
  const drift = row.getBoundingClientRect().top - scroller.getBoundingClientRect().top - snapshot.anchorOffset;
  if (Math.abs(drift) >= 1) scroller.scrollTop += drift;
}

export function scrollToBottom(scroller: HTMLElement): void {
  scroller.scrollTop = scroller.scrollHeight;
}

/** Scrolls so an element sits a little below the top (the "New messages" divider on opening). */
export function scrollNearTop(scroller: HTMLElement, element: HTMLElement): void {
  const offset = element.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
  scroller.scrollTop += offset - 16;
}
