import { sidebarOpen } from './layout-state.js';
import { ConversationNav } from '../features/conversations/conversation-nav.js';

/** The brand and the conversation list; on narrow screens it slides in from the left. */
export function Sidebar() {
  return (
    <div class="sidebar" id="sidebar" data-open={sidebarOpen.value ? '' : undefined}>
      <div class="sidebar-brand">
        Mini<span class="wordmark-accent">Most</span>
      </div>
      <ConversationNav />
    </div>
  );
}
