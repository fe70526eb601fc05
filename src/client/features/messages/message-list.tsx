// The message list: an ARIA log named after the conversation. Opens at the newest messages (or at "New messages"),
// loads older pages when scrolled near the top without the view moving, sticks to the bottom while at the bottom,
// and otherwise stays put and offers a "N new messages" pill.
import { useSignalEffect } from '@preact/signals';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { Conversation } from '../../../shared/protocol/conversations.js';
import { Icon } from '../../ui/icons.js';
import { me, nameOf } from '../conversations/state.js';
import { DeleteMessageDialog } from './delete-dialog.js';
import { layoutRows } from './layout.js';
import { MessageRow } from './message-item.js';
import { isAtBottom, restoreAnchor, scrollNearTop, scrollToBottom, takeSnapshot, type ScrollSnapshot } from './scroll.js';
import { isLoading, loadAround, loadErrors, loadNewer, loadNewest, loadOlder, timelines } from './state.js';
import { bottomRequest, confirmingDelete, highlighted, jumpTarget, setViewport, unreadMarker, viewport } from './view-state.js';
import type { ReadPosition } from './timeline.js';

/** Start loading the next page this far before the end is reached, so scrolling rarely waits. */
const PRELOAD_PX = 800;
const HIGHLIGHT_MS = 2_500;
const NO_POSITIONS: ReadonlyMap<number, ReadPosition> = new Map();

export function MessageList({ conversation }: { conversation: Conversation }) {
  const id = conversation.id;
  const scroller = useRef<HTMLDivElement>(null);
  const positioned = useRef(false);
  /** Newest seq seen while at the bottom: messages after it (from others) count for the pill. */
  const seenUpTo = useRef(0);
  const timeline = timelines.value.get(id);
  const marker = unreadMarker.value;
  const unreadAfterSeq = marker?.conversationId === id ? marker.afterSeq : null;
  const rows = useMemo(
    () => (timeline ? layoutRows(timeline.messages, timeline.pending, { me: me.value, unreadAfterSeq, now: Date.now() }) : []),
    [timeline?.messages, timeline?.pending, unreadAfterSeq],
  );
  const ready = timeline !== undefined && timeline.appliedSeq !== null;

  // Read the layout before Preact changes the DOM (rendering runs before the commit), to restore it after.
  const snapshot = useRef<ScrollSnapshot | null>(null);
  snapshot.current = scroller.current && positioned.current ? takeSnapshot(scroller.current) : null;

  const noteScroll = () => {
    const element = scroller.current;
    const held = timelines.value.get(id);
    if (!element || !held || held.appliedSeq === null) return;
    const atBottom = isAtBottom(element) && !held.hasNewer;
    if (atBottom) seenUpTo.current = held.messages[held.messages.length - 1]?.seq ?? seenUpTo.current;
    setViewport(id, atBottom);
    if (element.scrollTop < PRELOAD_PX && held.hasOlder) void loadOlder(id);
    if (element.scrollHeight - element.scrollTop - element.clientHeight < PRELOAD_PX && held.hasNewer) void loadNewer(id);
  };

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || !ready) return;
    if (!positioned.current) {
      const divider = element.querySelector<HTMLElement>('[data-key="unread"]');
      if (divider) scrollNearTop(element, divider);
      else scrollToBottom(element);
      // Opened at "New messages": the pill counts what is unread below it.
      seenUpTo.current = unreadAfterSeq ?? 0;
      positioned.current = true;
    } else if (snapshot.current?.atBottom && !timeline.hasNewer) {
      scrollToBottom(element);
    } else if (snapshot.current) {
      restoreAnchor(element, snapshot.current);
    }
    noteScroll();
  });

  // Things outside this component change the list's size too (the composer growing, a reply bar, an edit box, a
  // receipt wrapping a line): whoever was at the newest message stays there.
  useEffect(() => {
    const element = scroller.current;
    const content = element?.firstElementChild;
    if (!element || !content) return;
    const observer = new ResizeObserver(() => {
      const { conversationId, atBottom } = viewport.value;
      if (conversationId === id && atBottom && positioned.current) scrollToBottom(element);
    });
    observer.observe(element);
    observer.observe(content);
    return () => observer.disconnect();
  }, []);

  // A reply's parent or a search result was chosen: load around it if needed, then bring it into view and highlight it.
  useSignalEffect(() => {
    const target = jumpTarget.value;
    if (!target || target.conversationId !== id) return;
    jumpTarget.value = null;
    void (async () => {
      if (!(await loadAround(id, target.messageId))) return;
      requestAnimationFrame(() => {
        const row = scroller.current?.querySelector<HTMLElement>(`[data-message-id="${target.messageId}"]`);
        if (!row) return;
        row.scrollIntoView({ block: 'center' });
        highlighted.value = target.messageId;
        setTimeout(() => {
          if (highlighted.value === target.messageId) highlighted.value = null;
        }, HIGHLIGHT_MS);
        noteScroll();
      });
    })();
  });

  // "Jump to the latest" (the pill, or sending while scrolled up).
  useSignalEffect(() => {
    const request = bottomRequest.value;
    if (!request || request.conversationId !== id) return;
    bottomRequest.value = null;
    void (async () => {
      if (timelines.value.get(id)?.hasNewer) await loadNewest(id);
      requestAnimationFrame(() => {
        if (scroller.current) scrollToBottom(scroller.current);
        noteScroll();
      });
    })();
  });

  const atBottom = viewport.value.conversationId !== id || viewport.value.atBottom;
  const unseen = timeline && !atBottom ? timeline.messages.filter((m) => m.seq > seenUpTo.current && m.authorId !== me.value).length : 0;
  const name = nameOf(conversation);
  const error = loadErrors.value.get(id);

  return (
    <div class="message-pane">
      <div
        ref={scroller}
        class="message-scroller"
        role="log"
        aria-label={name}
        aria-busy={!ready || isLoading(id, 'older') || undefined}
        tabIndex={0}
        onScroll={noteScroll}
      >
        <div class="message-list">
          {ready && !timeline.hasOlder && <ConversationStart conversation={conversation} name={name} />}
          {(!ready || isLoading(id, 'older')) && (
            <div class="message-loading">
              <span class="spinner" aria-hidden="true" />
              <span>{ready ? 'Loading older messages…' : 'Loading messages…'}</span>
            </div>
          )}
          {error && (
            <p class="message-load-error" role="alert">
              {error}
            </p>
          )}
          {rows.map((row) => (
            <MessageRow key={row.key} row={row} conversationId={id} readPositions={timeline?.readPositions ?? NO_POSITIONS} />
          ))}
          {ready && timeline.hasNewer && isLoading(id, 'newer') && (
            <div class="message-loading">
              <span class="spinner" aria-hidden="true" />
              <span>Loading newer messages…</span>
            </div>
          )}
        </div>
      </div>
      {ready && (timeline.hasNewer || unseen > 0) && (
        <button type="button" class="new-messages-pill" onClick={() => (bottomRequest.value = { conversationId: id })}>
          <Icon name="arrowDown" />
          {timeline.hasNewer ? 'Jump to latest' : `${unseen} new ${unseen === 1 ? 'message' : 'messages'}`}
        </button>
      )}
      {confirmingDelete.value?.conversationId === id && <DeleteMessageDialog message={confirmingDelete.value} onClose={() => (confirmingDelete.value = null)} />}
    </div>
  );
}

function ConversationStart({ conversation, name }: { conversation: Conversation; name: string }) {
  const intro =
    conversation.kind === 'public'
      ? `This is the very beginning of #${name}. Everyone can read and post here.`
      : conversation.kind === 'private'
        ? conversation.historyFromSeq > 0
          ? `You joined ${name}. Earlier messages are not shown to new members.`
          : `This is the very beginning of the private channel ${name}.`
        : conversation.name !== null
          ? 'Notices from MiniMost about your account appear here.'
          : `This is the beginning of your conversation with ${name}.`;
  return (
    <div class="conversation-start">
      <p class="conversation-start-title">{conversation.kind === 'public' ? `#${name}` : name}</p>
      <p class="conversation-start-text">{intro}</p>
    </div>
  );
}
