// Pins: the label on a pinned message, the pin/unpin action, and the header button with the conversation's pins.
import { useEffect, useId, useRef } from 'preact/hooks';
import type { Conversation } from '../../../shared/protocol/conversations.js';
import type { Message } from '../../../shared/protocol/messages.js';
import { Icon } from '../../ui/icons.js';
import { usernameOf } from '../conversations/model.js';
import { users } from '../conversations/state.js';
import { formatTimestamp } from '../messages/layout.js';
import { jumpToPin, loadPins, pinProblem, pinsByConversation, pinsPanelOpen, togglePin } from './state.js';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function PinnedLabel({ message }: { message: Message }) {
  if (!message.pinned) return null;
  return (
    <p class="pinned-label" title={`Pinned ${formatTimestamp(message.pinned.at)}`}>
      <Icon name="pin" class="pinned-label-icon" />
      Pinned by {usernameOf(users.value, message.pinned.userId)}
    </p>
  );
}

export function PinButton({ message }: { message: Message }) {
  const label = message.pinned ? 'Unpin' : 'Pin';
  return (
    <button type="button" class={`message-action${message.pinned ? ' is-pinned' : ''}`} aria-label={label} title={label} onClick={() => void togglePin(message)}>
      <Icon name="pin" />
    </button>
  );
}

export function PinsButton({ conversation }: { conversation: Conversation }) {
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const pins = pinsByConversation.value.get(conversation.id);
  const open = pinsPanelOpen.value === conversation.id;
  const problem = pinProblem.value?.conversationId === conversation.id ? pinProblem.value.text : null;

  useEffect(() => {
    void loadPins(conversation.id);
  }, [conversation.id]);

  useEffect(() => {
    if (!open) return;
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) pinsPanelOpen.value = null;
    };
    document.addEventListener('mousedown', closeOnOutsideClick);
    return () => document.removeEventListener('mousedown', closeOnOutsideClick);
  }, [open]);

  const count = pins?.length ?? 0;
  const label = `Pinned messages${count > 0 ? `, ${count}` : ''}`;
  return (
    <div
      class="pins"
      ref={root}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        event.preventDefault();
        pinsPanelOpen.value = null;
        root.current?.querySelector<HTMLButtonElement>('.pins-button')?.focus();
      }}
    >
      <button
        type="button"
        class="icon-button pins-button"
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-controls={open ? `${id}-panel` : undefined}
        onClick={() => (pinsPanelOpen.value = open ? null : conversation.id)}
      >
        <Icon name="pin" />
        {count > 0 && (
          <span class="pins-count" aria-hidden="true">
            {count}
          </span>
        )}
      </button>
      {problem && (
        <p role="alert" class="pins-problem">
          {problem}
          <button type="button" class="icon-button" aria-label="Dismiss" onClick={() => (pinProblem.value = null)}>
            <Icon name="close" />
          </button>
        </p>
      )}
      {open && (
        <section id={`${id}-panel`} class="pins-panel" aria-label="Pinned messages">
          <h2 class="pins-title">Pinned messages</h2>
          {count === 0 ? (
            <p class="pins-empty">Nothing pinned yet. Pin a message from its actions to keep it at hand here.</p>
          ) : (
            <ul class="pins-list">
              {(pins ?? []).map((message) => (
                <li key={message.id}>
                  <PinEntry message={message} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

function PinEntry({ message }: { message: Message }) {
  const author = usernameOf(users.value, message.authorId);
  return (
    <div class="pins-entry">
      <button type="button" class="pins-entry-open" onClick={() => jumpToPin(message)}>
        <span class="pins-entry-meta">
          <span class="pins-entry-author">{author}</span>{' '}
          <time class="pins-entry-time" dateTime={new Date(message.createdAt).toISOString()} title={formatTimestamp(message.createdAt)}>
            {when.format(message.createdAt)}
          </time>
        </span>
        <span class="pins-entry-text">{(message.text ?? '').slice(0, 600)}</span>
      </button>
      <button type="button" class="button button-ghost pins-entry-unpin" onClick={() => void togglePin(message)}>
        Unpin
      </button>
    </div>
  );
}
