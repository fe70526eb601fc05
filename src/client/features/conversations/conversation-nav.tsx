// The sidebar's conversation list: Channels, Private channels, Direct messages, each conversation a link whose
// accessible name starts with its display name, followed by its unread badge ("general 3 unread").
import type { ComponentChildren } from 'preact';
import { signal } from '@preact/signals';
import { Link } from '../../app/link.js';
import { closeSidebar } from '../../app/layout-state.js';
import { conversationPath } from '../../app/routes.js';
import type { Conversation } from '../../../shared/protocol/conversations.js';
import { Avatar, PRESENCE_LABELS } from '../../ui/avatar.js';
import { Icon } from '../../ui/icons.js';
import { statusOf } from '../presence/state.js';
import { isSystemConversation } from './model.js';
import { NewDirectMessageDialog, NewPrivateChannelDialog } from './new-conversation-dialogs.js';
import { listError, listStatus, me, nameOf, openConversationId, sections } from './state.js';

/** Which "new conversation" dialog is open; the `o` shortcut opens the direct-message one too. */
const dialog = signal<'private' | 'dm' | null>(null);

export function openNewDirectMessage(): void {
  dialog.value = 'dm';
}

export function ConversationNav() {
  const { channels, privateChannels, directMessages } = sections.value;
  const loading = listStatus.value === 'loading';
  return (
    <nav class="sidebar-nav" aria-label="Conversations" aria-busy={loading || undefined}>
      {listStatus.value === 'failed' && (
        <p class="sidebar-problem" role="alert">
          {listError.value}
        </p>
      )}
      <SidebarSection title="Channels" empty={loading ? 'Loading…' : 'No channels'} items={channels} />
      <SidebarSection
        title="Private channels"
        empty={loading ? '' : 'None yet'}
        items={privateChannels}
        action={<AddButton label="New private channel" onClick={() => (dialog.value = 'private')} />}
      />
      <SidebarSection
        title="Direct messages"
        empty={loading ? '' : 'None yet'}
        items={directMessages}
        action={<AddButton label="New direct message" onClick={() => (dialog.value = 'dm')} />}
      />
      {dialog.value === 'private' && <NewPrivateChannelDialog onClose={() => (dialog.value = null)} />}
      {dialog.value === 'dm' && <NewDirectMessageDialog onClose={() => (dialog.value = null)} />}
    </nav>
  );
}

function SidebarSection({ title, items, empty, action }: { title: string; items: Conversation[]; empty: string; action?: ComponentChildren }) {
  const headingId = `sidebar-${title.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <section class="sidebar-section" aria-labelledby={headingId}>
      <div class="sidebar-section-head">
        <h2 id={headingId} class="sidebar-heading">
          {title}
        </h2>
        {action}
      </div>
      {items.length > 0 ? (
        <ul class="sidebar-list">
          {items.map((conversation) => (
            <li key={conversation.id}>
              <ConversationLink conversation={conversation} />
            </li>
          ))}
        </ul>
      ) : (
        empty && <p class="sidebar-empty">{empty}</p>
      )}
    </section>
  );
}

function ConversationLink({ conversation }: { conversation: Conversation }) {
  const current = openConversationId.value === conversation.id;
  const unread = conversation.unreadCount;
  const classes = ['sidebar-link', current ? 'is-current' : '', unread > 0 ? 'is-unread' : ''].filter(Boolean).join(' ');
  return (
    <Link to={conversationPath(conversation.id)} class={classes} current={current} onFollow={closeSidebar}>
      <ConversationIcon conversation={conversation} />
      <span class="sidebar-link-name">{nameOf(conversation)}</span>
      <PresenceText conversation={conversation} />
      {unread > 0 && (
        <span class="badge">
          {unread > 99 ? '99+' : unread}
          <span class="visually-hidden"> unread</span>
        </span>
      )}
    </Link>
  );
}

function ConversationIcon({ conversation }: { conversation: Conversation }) {
  if (conversation.kind === 'public') return <Icon name="hash" class="sidebar-link-icon" />;
  if (conversation.kind === 'private') return <Icon name="lock" class="sidebar-link-icon" />;
  if (isSystemConversation(conversation)) return <Icon name="info" class="sidebar-link-icon" />;
  const others = conversation.memberIds.filter((id) => id !== me.value);
  if (others.length > 1) {
    return (
      <span class="sidebar-group-count" aria-hidden="true">
        {others.length}
      </span>
    );
  }
  const userId = others[0] ?? me.value;
  // The presence dot's text goes after the name (a link's name must start with the display name).
  return (
    <span class="sidebar-dm-avatar" aria-hidden="true">
      <Avatar name={nameOf(conversation)} userId={userId} size="xs" />
      <span class={`presence-dot is-${statusOf(userId)}`} />
    </span>
  );
}

/** For a one-to-one DM, the other person's presence in words, after the name (the dot beside it is decorative). */
function PresenceText({ conversation }: { conversation: Conversation }) {
  if (conversation.kind !== 'dm' || isSystemConversation(conversation)) return null;
  const others = conversation.memberIds.filter((id) => id !== me.value);
  if (others.length > 1) return null;
  return <span class="visually-hidden"> ({PRESENCE_LABELS[statusOf(others[0] ?? me.value)]})</span>;
}

function AddButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" class="icon-button sidebar-add" aria-label={label} title={label} onClick={onClick}>
      <Icon name="plus" />
    </button>
  );
}
