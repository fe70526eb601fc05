// One row of the message list: a day divider, the "New messages" divider, or a message (an `article`). Text is
// rendered by MessageText, which formats Markdown without ever turning a user's words into HTML.
import { Component } from 'preact';
import type { Message, ReplyPreview } from '../../../shared/protocol/messages.js';
import { Avatar, colourRef, coloursOf } from '../../ui/avatar.js';
import { Icon } from '../../ui/icons.js';
import { AttachmentList } from '../attachments/attachment-list.js';
import { MessageText } from '../formatting/message-text.js';
import { TextWithMentions } from '../mentions/mention-pills.js';
import { mentionsMe } from '../mentions/mentions.js';
import { PinButton, PinnedLabel } from '../pins/pin-parts.js';
import { PreviewList } from '../previews/preview-list.js';
import { ProfileTrigger } from '../profile/profile-card.js';
import { ReactButton, ReactionBar } from '../reactions/reaction-bar.js';
import { usernameOf } from '../conversations/model.js';
import { isSelected } from '../keyboard/state.js';
import { me, users } from '../conversations/state.js';
import { statusOf } from '../presence/state.js';
import { replyTo } from './composer-state.js';
import { EditBox } from './edit-box.js';
import { formatTime, formatTimestamp, type Row } from './layout.js';
import { readersOf, receiptText } from './receipts.js';
import type { PendingMessage, ReadPosition } from './timeline.js';
import { confirmingDelete, editingId, highlighted, requestJump } from './view-state.js';

interface RowProps {
  row: Row;
  conversationId: number;
  /** Members' read positions, for the ✓ on one's own messages. */
  readPositions: ReadonlyMap<number, ReadPosition>;
}

/**
 * A row re-renders only when its own data changed (a new message must not redraw the 500 above it). What rows read
 * from signals (names, presence, highlight, editing) still updates them directly.
 */
export class MessageRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const { row, conversationId, readPositions } = this.props;
    if (next.conversationId !== conversationId || next.row.kind !== row.kind || next.row.key !== row.key) return true;
    if (next.row.kind === 'day' && row.kind === 'day') return next.row.label !== row.label;
    if (next.row.kind === 'pending' && row.kind === 'pending') return next.row.pending !== row.pending || next.row.groupStart !== row.groupStart;
    if (next.row.kind === 'message' && row.kind === 'message') {
      if (next.row.message !== row.message || next.row.groupStart !== row.groupStart) return true;
      return next.readPositions !== readPositions && next.row.message.authorId === me.value;
    }
    return false;
  }

  override render() {
    return <RowContent {...this.props} />;
  }
}

function RowContent({ row, conversationId, readPositions }: RowProps) {
  switch (row.kind) {
    case 'day':
      return (
        <div class="divider day-divider" data-key={row.key} role="separator" aria-label={row.label}>
          <span aria-hidden="true">{row.label}</span>
        </div>
      );
    case 'unread':
      return (
        <div class="divider unread-divider" data-key={row.key} role="separator" aria-label="New messages">
          <span aria-hidden="true">New messages</span>
        </div>
      );
    case 'message':
      return row.message.kind === 'system' ? (
        <SystemMessage message={row.message} rowKey={row.key} />
      ) : (
        <UserMessage message={row.message} rowKey={row.key} groupStart={row.groupStart} conversationId={conversationId} readPositions={readPositions} />
      );
    case 'pending':
      return <PendingMessageRow pending={row.pending} rowKey={row.key} groupStart={row.groupStart} />;
  }
}

function SystemMessage({ message, rowKey }: { message: Message; rowKey: string }) {
  return (
    <article class={`message is-system${highlighted.value === message.id ? ' is-highlighted' : ''}`} data-key={rowKey} data-message-id={message.id}>
      <Icon name="info" class="system-icon" />
      <p class="message-text">{message.text}</p>
      <Time at={message.createdAt} />
    </article>
  );
}

interface UserMessageProps {
  message: Message;
  rowKey: string;
  groupStart: boolean;
  conversationId: number;
  readPositions: ReadonlyMap<number, ReadPosition>;
}

function UserMessage({ message, rowKey, groupStart, conversationId, readPositions }: UserMessageProps) {
  const author = usernameOf(users.value, message.authorId);
  const authorId = message.authorId ?? 0;
  const own = message.authorId === me.value;
  const editing = editingId.value === message.id;
  const selected = isSelected(message.id);
  const classes = [
    'message',
    groupStart ? 'is-group-start' : 'is-continued',
    own ? 'is-own' : '',
    highlighted.value === message.id ? 'is-highlighted' : '',
    editing ? 'is-editing' : '',
    mentionsMe(message, me.value) ? 'is-mentioned' : '',
    selected ? 'is-selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    // Focusable by click or tap (not Tab), so touch screens, which have no hover, can show the actions too.
    <article class={classes} data-key={rowKey} data-message-id={message.id} tabIndex={-1} aria-current={selected || undefined}>
      <PinnedLabel message={message} />
      {message.replyTo && <ReplyQuote reply={message.replyTo} conversationId={conversationId} />}
      <div class="message-gutter">
        {groupStart ? (
          <ProfileTrigger userId={authorId} name={author} class="message-avatar-button" pointerOnly>
            <Avatar name={author} userId={authorId} status={statusOf(authorId)} />
          </ProfileTrigger>
        ) : (
          <Time at={message.createdAt} class="gutter-time" />
        )}
      </div>
      <div class="message-body">
        {groupStart ? (
          <header class="message-meta">
            <ProfileTrigger userId={authorId} name={author} class="message-author" colour>
              {author}
            </ProfileTrigger>
            <Time at={message.createdAt} />
          </header>
        ) : (
          <span class="visually-hidden">{author}: </span>
        )}
        {editing ? (
          <EditBox message={message} />
        ) : (
          <div class="message-text">
            <MessageText
              text={message.text ?? ''}
              renderText={mentionPills}
              trailing={
                message.editedAt !== null || own ? (
                  <>
                    {message.editedAt !== null && (
                      <span class="message-edited" title={`Edited ${formatTimestamp(message.editedAt)}`}>
                        {' '}
                        (edited)
                      </span>
                    )}
                    {own && <Receipt message={message} readPositions={readPositions} />}
                  </>
                ) : undefined
              }
            />
          </div>
        )}
        <AttachmentList message={message} />
        <PreviewList message={message} />
        <ReactionBar message={message} />
      </div>
      {!editing && (
        <div class="message-actions" role="group" aria-label="Message actions">
          <ReactButton message={message} />
          <ActionButton icon="reply" label="Reply" onClick={() => startReply(message)} />
          <PinButton message={message} />
          {own && <ActionButton icon="edit" label="Edit" onClick={() => (editingId.value = message.id)} />}
          {own && <ActionButton icon="trash" label="Delete" onClick={() => (confirmingDelete.value = message)} />}
        </div>
      )}
    </article>
  );
}

function PendingMessageRow({ pending, rowKey, groupStart }: { pending: PendingMessage; rowKey: string; groupStart: boolean }) {
  const author = usernameOf(users.value, pending.authorId);
  return (
    <article class={`message is-pending is-own ${groupStart ? 'is-group-start' : 'is-continued'}`} data-key={rowKey} aria-busy="true">
      {pending.replyTo && <ReplyQuote reply={pending.replyTo} conversationId={null} />}
      <div class="message-gutter">{groupStart && <Avatar name={author} userId={pending.authorId} />}</div>
      <div class="message-body">
        {groupStart && (
          <header class="message-meta">
            <span class="message-author" ref={colourRef('--author-colour', coloursOf(pending.authorId).text)}>
              {author}
            </span>
          </header>
        )}
        <p class="message-text">
          {pending.text}
          <span class="message-sending"> Sending…</span>
        </p>
      </div>
    </article>
  );
}

/** The parent of a reply, above it; clicking it shows the parent (loading the history around it if needed). */
function ReplyQuote({ reply, conversationId }: { reply: ReplyPreview; conversationId: number | null }) {
  const withheld = reply.text === null && !reply.deleted;
  const author = withheld ? null : usernameOf(users.value, reply.authorId);
  const preview = reply.deleted ? '[deleted message]' : withheld ? '[earlier message]' : (reply.text ?? '');
  const label = `In reply to ${author ? `${author}: ` : ''}${preview}`;
  const content = (
    <>
      <Icon name="reply" class="reply-quote-icon" />
      {author && (
        <span class="reply-quote-author" ref={colourRef('--author-colour', coloursOf(reply.authorId ?? 0).text)}>
          {author}
        </span>
      )}
      <span class={`reply-quote-text${reply.text === null ? ' is-missing' : ''}`}>{preview}</span>
    </>
  );
  if (reply.text === null || conversationId === null) {
    return (
      <div class="reply-quote" role="note" aria-label={label}>
        {content}
      </div>
    );
  }
  return (
    <button type="button" class="reply-quote" aria-label={label} title="Show the original message" onClick={() => requestJump(conversationId, reply.id)}>
      {content}
    </button>
  );
}

/** ✓ once any other member has read the message; who, on hover. */
function Receipt({ message, readPositions }: { message: Message; readPositions: ReadonlyMap<number, ReadPosition> }) {
  const readers = readersOf(message, readPositions, users.value);
  if (readers.length === 0) return null;
  const text = receiptText(readers);
  return (
    <span class="receipt" role="img" aria-label={text} title={text}>
      ✓
    </span>
  );
}

function Time({ at, class: className = 'message-time' }: { at: number; class?: string }) {
  return (
    <time class={className} dateTime={new Date(at).toISOString()} title={formatTimestamp(at)}>
      {formatTime(at)}
    </time>
  );
}

function ActionButton({ icon, label, onClick }: { icon: 'reply' | 'edit' | 'trash'; label: string; onClick: () => void }) {
  return (
    <button type="button" class="message-action" aria-label={label} title={label} onClick={onClick}>
      <Icon name={icon} />
    </button>
  );
}

function startReply(message: Message): void {
  replyTo(message, message.conversationId);
  document.getElementById(`composer-${message.conversationId}`)?.focus();
}

/** `@name` of a real user (and @everyone, @here) as a pill; the rest as typed. */
function mentionPills(text: string) {
  return text.includes('@') ? <TextWithMentions text={text} /> : text;
}
