// The live connection for a signed-in tab: starts the socket and the background trackers, and after every
// (re)connect brings everything up to date (docs/api.md: "after reconnecting — calls GET …/changes").
import { computed, signal } from '@preact/signals';
import { api } from '../../api/api.js';
import { LiveSocket, type ConnectionState } from '../../api/socket.js';
import type { ServerEvent } from '../../../shared/protocol/events.js';
import { loadSession } from '../auth/state.js';
import { clearConversations, loadConversations } from '../conversations/state.js';
import { clearComposers } from '../messages/composer-state.js';
import { startNotifications } from '../notifications/alerts.js';
import { catchUpAll, clearTimelines } from '../messages/state.js';
import { startViewTracking, viewport } from '../messages/view-state.js';
import { startActivityReporting, reportConnected } from '../presence/state.js';
import { clearTypists } from '../typing/state.js';
import { reportView, startViewReporting } from '../typing/view-report.js';
import { startUnreadTracking } from '../unread/state.js';
import { attachSocket } from './commands.js';
import { dispatch } from './dispatch.js';

export const connection = signal<ConnectionState>('closed');
/** Changes only when another conversation opens, not on scrolling. */
const shownConversation = computed(() => viewport.value.conversationId);
/** Set when the server turned this tab away for good (too many tabs open): the banner says why. */
export const stoppedReason = signal<'too-many-tabs' | null>(null);

/** Starts everything live for the signed-in person; returns the function that stops it all again. */
export function startLive(): () => void {
  const socket = new LiveSocket({
    event: onEvent,
    state: (state) => (connection.value = state),
    sessionEnded: () => void loadSession(),
    refused: () => void checkStillSignedIn(),
    tooManyTabs: () => (stoppedReason.value = 'too-many-tabs'),
  });
  attachSocket(socket);
  const stops = [startViewTracking(), startViewReporting(shownConversation), startActivityReporting(), startUnreadTracking(), startNotifications()];
  void loadConversations();
  socket.start();
  return () => {
    socket.stop();
    attachSocket(null);
    for (const stop of stops) stop();
    clearTimelines();
    clearComposers();
    clearConversations();
    clearTypists();
  };
}

function onEvent(event: ServerEvent): void {
  dispatch(event);
  if (event.type === 'hello') {
    reportConnected();
    reportView();
    void resync();
  }
}

/** Whatever happened while disconnected: the list (names, members, unread) first, then each open history. */
async function resync(): Promise<void> {
  await loadConversations();
  catchUpAll();
}

/**
 * A socket refused before the server said hello may mean the session expired. Only a definite "signed out" answer
 * switches screens; a server that is down simply gets retried.
 */
async function checkStillSignedIn(): Promise<void> {
  try {
    const session = await api.getSession();
    if (!session.user) await loadSession();
  } catch {
    // Unreachable: keep retrying quietly; the banner says so.
  }
}
