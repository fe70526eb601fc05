// The header button with the unread-mention count, and the Mentions view it opens: each unread mention with its
// conversation, author, time and text; a click jumps to the message. The list follows live events and reads.
import { useEffect, useId, useRef } from 'preact/hooks';
import type { Message } from '../../../shared/protocol/messages.js';
import { Icon, type IconName } from '../../ui/icons.js';
import { usernameOf } from '../conversations/model.js';
import { conversations, nameOf, users } from '../conversations/state.js';
import { formatTimestamp } from '../messages/layout.js';
import { hasMoreMentions, loadMentions, loadMoreMentions, mentionCount, mentionsError, mentionsLoading, mentionsPanelOpen, openMention, unreadMentions } from './state.js';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function MentionsButton() {
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const open = mentionsPanelOpen.value;
  const count = mentionCount.value;

  useEffect(() => {
    if (!open) return;
    void loadMentions();
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) mentionsPanelOpen.value = false;
    };
    document.addEventListener('mousedown', closeOnOutsideClick);
    return () => document.removeEventListener('mousedown', closeOnOutsideClick);
  }, [open]);

  const label = count === 0 ? 'Mentions' : `Mentions, ${count} unread`;
  return (
    <div
      class="mentions"
      ref={root}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        event.preventDefault();
        mentionsPanelOpen.value = false;
        root.current?.querySelector<HTMLButtonElement>('.mentions-button')?.focus();
      }}
    >
      <button
        type="button"
        class="icon-button mentions-button"
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-controls={open ? `${id}-panel` : undefined}
        onClick={() => (mentionsPanelOpen.value = !open)}
      >
        <span class="mentions-at" aria-hidden="true">
          @
        </span>
        {count > 0 && (
          <span class="mentions-count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && <MentionsPanel id={`${id}-panel`} />}
    </div>
  );
}

function MentionsPanel({ id }: { id: string }) {
  const list = unreadMentions.value;
  const error = mentionsError.value;
  return (
    <section id={id} class="mentions-panel" aria-label="Mentions">
      <h2 class="mentions-title">Mentions</h2>
      {error && (
        <p class="mentions-problem" role="alert">
          {error}
        </p>
      )}
      {list.length === 0 ? (
        <p class="mentions-empty">{mentionsLoading.value ? 'Loading…' : 'No unread mentions. Messages that mention you appear here until you read them.'}</p>
      ) : (
        <ul class="mentions-list">
          {list.map((message) => (
            <li key={message.id}>
              <MentionEntry message={message} />
            </li>
          ))}
        </ul>
      )}
      {hasMoreMentions.value && (
        <button type="button" class="button button-secondary mentions-more" onClick={() => void loadMoreMentions()}>
          Load more
        </button>
      )}
    </section>
  );
}

const ICONS: Record<string, IconName> = { public: 'hash', private: 'lock', dm: 'chat' };

function MentionEntry({ message }: { message: Message }) {
  const conversation = conversations.value.get(message.conversationId);
  const where = conversation ? nameOf(conversation) : 'Conversation';
  const author = usernameOf(users.value, message.authorId);
  return (
    <button type="button" class="mentions-entry" onClick={() => void openMention(message)}>
      <span class="mentions-entry-meta">
        <Icon name={ICONS[conversation?.kind ?? 'public'] ?? 'hash'} class="mentions-entry-icon" />{' '}
        <span class="mentions-entry-where">{where}</span>{' '}
        <span class="mentions-entry-author">{author}</span>{' '}
        <time class="mentions-entry-time" dateTime={new Date(message.createdAt).toISOString()} title={formatTimestamp(message.createdAt)}>
          {when.format(message.createdAt)}
        </time>
      </span>
      <span class="mentions-entry-text">{(message.text ?? '').slice(0, 600)}</span>
    </button>
  );
}
