// The signed-in layout: conversations on the left, a header, and the main area. Later features fill the
// sidebar sections and the main area; the landmarks and their names are fixed here.
import { AppHeader } from './app-header.js';
import { closeSidebar, sidebarOpen } from './layout-state.js';
import { Sidebar } from './sidebar.js';
import { currentUser } from '../features/auth/state.js';

export function Shell() {
  const user = currentUser.value;
  if (!user) return null;
  return (
    <div
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
          <div class="welcome">
            <span class="welcome-icon" aria-hidden="true">
              <svg viewBox="0 0 24 24">
                <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm3 5v2h10V9H7Zm0 4v2h6v-2H7Z" />
              </svg>
            </span>
            <h1 class="welcome-title">Welcome, {user.username}</h1>
            <p class="welcome-text">Pick a conversation on the left, or start one. Channels and direct messages you join appear there.</p>
          </div>
        </main>
      </div>
    </div>
  );
}
