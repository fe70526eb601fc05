// The one global key handler, installed by the shell: it reads the key through the table in keymap.ts and carries out
// the action on the features' own state (the same signals their buttons set), so a shortcut and a click behave alike.
import { effect } from '@preact/signals';
import { closeSidebar, sidebarOpen } from '../../app/layout-state.js';
import { conversationPath, navigate } from '../../app/router.js';
import type { Message } from '../../../shared/protocol/messages.js';
import { announce } from '../accessibility/live-region.js';
import { openNewDirectMessage } from '../conversations/conversation-nav.js';
import { me, openConversationId, sections } from '../conversations/state.js';
import { replyTo } from '../messages/composer-state.js';
import { loadOlder, timelineOf } from '../messages/state.js';
import { findMessage } from '../messages/timeline.js';
import { bottomRequest, confirmingDelete, editingId } from '../messages/view-state.js';
import { pinsPanelOpen, togglePin } from '../pins/state.js';
import { openReactionPicker } from '../reactions/reaction-bar.js';
import { focusSearch } from '../search/search-box.js';
import { closePanel } from '../search/state.js';
import { actionFor, modeAfter, type Action } from './keymap.js';
import { stepSelection } from './selection.js';
import { helpOpen, mode, visualSelection } from './state.js';

/** `j`/`k`: about two lines of text. */
const LINE_STEP_PX = 48;

export function installKeyboard(): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    const action = actionFor(mode.value, {
      key: event.key,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      inTextField: isTextField(event.target),
      inComposer: event.target instanceof HTMLElement && event.target.matches('.composer-input'),
      inDialog: document.querySelector('dialog[open]') !== null,
    });
    if (!action) return;
    event.preventDefault();
    const before = mode.value;
    run(action, event.target);
    if (before === 'visual' && modeAfter(before, action) === 'normal') visualSelection.value = null;
  };
  document.addEventListener('keydown', onKeyDown);
  // Visual mode belongs to one conversation: opening another ends it.
  const stopWatching = effect(() => {
    const open = openConversationId.value;
    const selection = visualSelection.peek();
    if (selection && selection.conversationId !== open) visualSelection.value = null;
  });
  return () => {
    document.removeEventListener('keydown', onKeyDown);
    stopWatching();
    visualSelection.value = null;
    helpOpen.value = false;
  };
}

function run(action: Action, target: EventTarget | null): void {
  const conversationId = openConversationId.value;
  switch (action) {
    case 'focus-composer':
      return focusComposer(conversationId);
    case 'new-direct-message':
      // The dialog lives in the sidebar: on narrow screens the drawer must be out for it to show.
      if (matchMedia('(max-width: 768px)').matches) sidebarOpen.value = true;
      return openNewDirectMessage();
    case 'search':
      return focusSearch();
    case 'scroll-down':
      return scrollMessages(() => LINE_STEP_PX);
    case 'scroll-up':
      return scrollMessages(() => -LINE_STEP_PX);
    case 'half-page-down':
      return scrollMessages((scroller) => scroller.clientHeight / 2);
    case 'half-page-up':
      return scrollMessages((scroller) => -scroller.clientHeight / 2);
    case 'top':
      return scrollMessages((scroller) => -scroller.scrollTop);
    case 'bottom':
      if (conversationId !== null) bottomRequest.value = { conversationId };
      return;
    case 'next-conversation':
      return stepConversation(conversationId, 1);
    case 'previous-conversation':
      return stepConversation(conversationId, -1);
    case 'escape':
      return escape(target);
    case 'help':
      helpOpen.value = true;
      return;
    case 'visual':
    case 'select-newer':
    case 'select-older':
      if (conversationId !== null) void select(conversationId, action === 'select-newer' ? 1 : -1, action === 'visual');
      return;
    case 'exit-visual':
      return;
    default:
      return actOnSelection(action);
  }
}

function focusComposer(conversationId: number | null): void {
  if (conversationId !== null) document.getElementById(`composer-${conversationId}`)?.focus();
}

function scrollMessages(by: (scroller: HTMLElement) => number): void {
  const scroller = document.querySelector<HTMLElement>('.message-scroller');
  if (scroller) scroller.scrollTop += by(scroller);
}

/** Ctrl+J / Ctrl+K: through the sidebar in its order, wrapping around at the ends. */
function stepConversation(conversationId: number | null, step: 1 | -1): void {
  const { channels, privateChannels, directMessages } = sections.value;
  const order = [...channels, ...privateChannels, ...directMessages];
  if (order.length === 0) return;
  const index = order.findIndex((conversation) => conversation.id === conversationId);
  const next = order[(index + step + order.length) % order.length];
  if (next && next.id !== conversationId) navigate(conversationPath(next.id));
}

/** Leaves a text field, or closes whatever floats (the drawer, the pins and search panels) and drops focus. */
function escape(target: EventTarget | null): void {
  if (target instanceof HTMLElement && isTextField(target)) {
    target.blur();
    return;
  }
  if (sidebarOpen.value) closeSidebar();
  pinsPanelOpen.value = null;
  closePanel();
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
}

async function select(conversationId: number, step: 1 | -1, fromNewest: boolean): Promise<void> {
  const current = fromNewest ? null : (visualSelection.peek()?.messageId ?? null);
  let found = stepSelection(timelineOf(conversationId)?.messages ?? [], current, step);
  if (found.edge && timelineOf(conversationId)?.hasOlder) {
    await loadOlder(conversationId);
    found = stepSelection(timelineOf(conversationId)?.messages ?? [], current, step);
  }
  const message = found.message;
  if (!message) {
    if (fromNewest) announce('No messages to select');
    return;
  }
  // A key pressed while older history loaded (Esc) wins over the late answer.
  if (!fromNewest && visualSelection.peek() === null) return;
  visualSelection.value = { conversationId, messageId: message.id };
  requestAnimationFrame(() => {
    // A key pressed within the same frame (`k` then `o`: reply, which focuses the composer) has moved on already.
    if (visualSelection.peek()?.messageId !== message.id) return;
    const row = document.querySelector<HTMLElement>(`.message-scroller [data-message-id="${message.id}"]`);
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  });
}

function selectedMessage(): Message | undefined {
  const selection = visualSelection.value;
  return selection ? findMessage(timelineOf(selection.conversationId), selection.messageId) : undefined;
}

function actOnSelection(action: Action): void {
  const message = selectedMessage();
  if (!message) return;
  const own = message.authorId === me.value;
  switch (action) {
    case 'edit':
      if (own) editingId.value = message.id;
      else announce('Only your own messages can be edited');
      return;
    case 'delete':
      if (own) confirmingDelete.value = message;
      else announce('Only your own messages can be deleted');
      return;
    case 'reply':
      replyTo(message, message.conversationId);
      focusComposer(message.conversationId);
      return;
    case 'copy':
      void navigator.clipboard.writeText(message.text ?? '').then(
        () => announce('Message copied'),
        () => announce('Copying is not allowed here'),
      );
      return;
    case 'react':
      openReactionPicker(message.id);
      return;
    case 'pin':
      void togglePin(message);
      return;
    default:
      return;
  }
}

/** Somewhere typing goes: shortcuts must not take its letters. */
function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}
