// The signed-in layout: conversations on the left, a header, and the open conversation. Mounting it starts the live
// connection; `/` and conversations that vanish (left, closed, never existed) lead to the first public channel.
import { useEffect, useRef } from 'preact/hooks';
import { useSignalEffect } from '@preact/signals';
import { AppHeader } from './app-header.js';
import { installDrawerSwipe } from './drawer-swipe.js';
import { closeSidebar, sidebarOpen } from './layout-state.js';
import { conversationPath, currentPath, navigate } from './router.js';
import { Sidebar } from './sidebar.js';
import { CallLayer } from '../features/calls/call-layer.js';
import { LiveRegion } from '../features/accessibility/live-region.js';
import { startMessageAnnouncer } from '../features/accessibility/message-announcer.js';
import { installTextZoom } from '../features/appearance/text-size.js';
import { trackVisualViewport } from '../features/appearance/viewport.js';
import { currentUser } from '../features/auth/state.js';
import { conversations, defaultConversationId, listStatus, openConversation, openConversationId } from '../features/conversations/state.js';
import { ConnectionBanner } from '../features/live/connection-banner.js';
import { startLive } from '../features/live/state.js';
import { KeyboardHelp } from '../features/keyboard/help-dialog.js';
import { installKeyboard } from '../features/keyboard/keyboard.js';
import { ConversationView } from '../features/messages/conversation-view.js';

export function Shell() {
  const user = currentUser.value;
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => startLive(), []);
  useEffect(() => installKeyboard(), []);
  useEffect(() => startMessageAnnouncer(), []);
  useEffect(() => trackVisualViewport(), []);
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const stopSwipe = installDrawerSwipe(element);
    const stopZoom = installTextZoom(element);
    return () => {
      stopSwipe();
      stopZoom();
    };
  }, [user === null]);

  useSignalEffect(() => {
    if (listStatus.value !== 'ready') return;
    const id = openConversationId.value;
    if (id !== null && conversations.value.has(id)) return;
    const fallback = defaultConversationId.value;
    if (fallback !== null && currentPath.value !== conversationPath(fallback)) navigate(conversationPath(fallback), { replace: true });
  });

  if (!user) return null;
  const conversation = openConversation.value;
  return (
    <div
      ref={root}
      class={`shell${sidebarOpen.value ? ' is-sidebar-open' : ''}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && sidebarOpen.value) closeSidebar();
      }}
    >
      <Sidebar />
      {/* On narrow screens the open sidebar floats over the page; a click beside it closes it. */}
      <div class="shell-scrim" aria-hidden="true" onClick={closeSidebar} />
      <div class="shell-body">
        <AppHeader user={user} />
        <main class="shell-main" id="main">
          <ConnectionBanner />
          <CallLayer />
          {conversation ? <ConversationView key={conversation.id} conversation={conversation} /> : <Placeholder />}
        </main>
      </div>
      <LiveRegion />
      <KeyboardHelp />
    </div>
  );
}

function Placeholder() {
  return (
    <div class="welcome" aria-busy={listStatus.value === 'loading' || undefined}>
      {listStatus.value === 'loading' ? (
        <span class="spinner spinner-large" role="img" aria-label="Loading" />
      ) : (
        <p class="welcome-text">No conversations yet. Start one from the sidebar.</p>
      )}
    </div>
  );
}
