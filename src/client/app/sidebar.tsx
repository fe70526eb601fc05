import type { ComponentChildren } from 'preact';
import { sidebarOpen } from './layout-state.js';

/** The conversation list. Empty for now: the channel and direct-message features render into these sections. */
export function Sidebar() {
  return (
    <div class="sidebar" id="sidebar" data-open={sidebarOpen.value ? '' : undefined}>
      <div class="sidebar-brand">
        Mini<span class="wordmark-accent">Most</span>
      </div>
      <nav class="sidebar-nav" aria-label="Conversations">
        <SidebarSection title="Channels">
          <p class="sidebar-empty">No channels yet</p>
        </SidebarSection>
        <SidebarSection title="Private channels">
          <p class="sidebar-empty">No private channels yet</p>
        </SidebarSection>
        <SidebarSection title="Direct messages">
          <p class="sidebar-empty">No direct messages yet</p>
        </SidebarSection>
      </nav>
    </div>
  );
}

function SidebarSection({ title, children }: { title: string; children: ComponentChildren }) {
  const headingId = `sidebar-${title.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <section class="sidebar-section" aria-labelledby={headingId}>
      <h2 id={headingId} class="sidebar-heading">
        {title}
      </h2>
      {children}
    </section>
  );
}
