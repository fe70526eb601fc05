import { useSignal } from '@preact/signals';
import { sidebarOpen, toggleSidebar } from './layout-state.js';
import { UserMenu } from './user-menu.js';
import { logOut } from '../features/auth/state.js';
import { errorMessage } from '../features/auth/error-message.js';
import { ConversationHeader } from '../features/conversations/conversation-header.js';
import { openConversation } from '../features/conversations/state.js';
import { MentionsButton } from '../features/mentions/mentions-button.js';
import { SoundButton } from '../features/notifications/notification-parts.js';
import { ModeIndicator } from '../features/keyboard/mode-indicator.js';
import { SearchBox } from '../features/search/search-box.js';
import { SettingsButton } from '../features/settings/settings-button.js';
import type { PublicUser } from '../../shared/protocol/auth.js';
import { Button } from '../ui/button.js';

export function AppHeader({ user }: { user: PublicUser }) {
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const conversation = openConversation.value;

  async function onLogOut() {
    busy.value = true;
    error.value = null;
    try {
      await logOut();
    } catch (failure) {
      error.value = errorMessage(failure);
      busy.value = false;
    }
  }

  return (
    <header class="topbar">
      <button
        type="button"
        class="icon-button sidebar-toggle"
        aria-controls="sidebar"
        aria-expanded={sidebarOpen.value}
        aria-label="Conversations"
        onClick={toggleSidebar}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <path d="M3 5h14v1.6H3zm0 4.2h14v1.6H3zm0 4.2h14V15H3z" />
        </svg>
      </button>
      {conversation ? <ConversationHeader key={conversation.id} conversation={conversation} /> : <p class="topbar-title">MiniMost</p>}
      <ModeIndicator />
      <SearchBox />
      <div class="topbar-actions">
        {error.value && (
          <p role="alert" class="topbar-error">
            {error.value}
          </p>
        )}
        <MentionsButton />
        <SoundButton />
        <UserMenu user={user} />
        <SettingsButton user={user} />
        <Button variant="ghost" busy={busy.value} onClick={onLogOut}>
          Log out
        </Button>
      </div>
    </header>
  );
}
