// The composer: Enter sends, Shift+Enter adds a line (swapped by a per-device setting, keyboard/send-key.ts), ↑ in an empty composer edits your last message. Its text is
// the conversation's draft, so it survives switching conversations and reloading.
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Conversation } from '../../../shared/protocol/conversations.js';
import { MESSAGE_MAX_LENGTH } from '../../../shared/protocol/messages.js';
import { Icon } from '../../ui/icons.js';
import { AttachButton, PendingFiles, useFileDrop } from '../attachments/composer-files.js';
import { filesOf } from '../attachments/state.js';
import { composerLabel, usernameOf } from '../conversations/model.js';
import { FormattingButtons } from '../formatting/formatting-buttons.js';
import { handleFormattingKey } from '../formatting/shortcuts.js';
import { useMentionPopup } from '../mentions/mention-popup.js';
import { EmojiButton } from '../reactions/emoji-button.js';
import { enterAddsLine, isSendKey } from '../keyboard/send-key.js';
import { me, users } from '../conversations/state.js';
import { announceTyping } from '../typing/state.js';
import { draftOf, replyTargets, replyTo, sendDraft, sendErrors, setDraft, setSendError } from './composer-state.js';
import { timelines } from './state.js';
import { lastOwnMessage, previewOf } from './timeline.js';
import { bottomRequest, editingId, viewport } from './view-state.js';

/** The character counter appears from here on. */
const COUNTER_FROM = 9_000;
const MAX_HEIGHT_PX = 240;

/** Grows a text area with its content, up to a limit (then it scrolls). Set from script: the CSP forbids inline styles. */
export function fitToContent(field: HTMLTextAreaElement): void {
  field.style.height = 'auto';
  field.style.height = `${Math.min(field.scrollHeight + 2, MAX_HEIGHT_PX)}px`;
}

/** Puts `insert` where the caret is (replacing any selection) and leaves the caret after it. */
export function insertAtCaret(field: HTMLTextAreaElement | null, insert: string, setText: (text: string) => void): void {
  if (!field) return;
  const { selectionStart, selectionEnd, value } = field;
  const next = value.slice(0, selectionStart) + insert + value.slice(selectionEnd);
  setText(next);
  field.value = next;
  const caret = selectionStart + insert.length;
  field.setSelectionRange(caret, caret);
  field.focus();
}

export function Composer({ conversation }: { conversation: Conversation }) {
  const id = conversation.id;
  const field = useRef<HTMLTextAreaElement>(null);
  const text = draftOf(id);
  const parent = replyTargets.value.get(id);
  const error = sendErrors.value.get(id);
  const label = composerLabel(conversation, me.value, users.value);
  const length = text.length >= COUNTER_FROM ? [...text.trim()].length : 0;
  const counterId = `composer-counter-${id}`;
  const mentions = useMentionPopup(conversation, field, text);
  const drop = useFileDrop(id);
  const empty = text.trim() === '' && filesOf(id).length === 0;

  useLayoutEffect(() => {
    if (field.current) fitToContent(field.current);
  }, [text]);

  useEffect(() => {
    // Not on touch screens, where focusing would pop up the keyboard over the messages.
    if (matchMedia('(pointer: fine)').matches) field.current?.focus();
  }, []);

  const send = () => {
    if (empty) return;
    // Sending while scrolled up brings the view to the new message.
    if (!viewport.value.atBottom) bottomRequest.value = { conversationId: id };
    void sendDraft(id);
  };

  return (
    <form
      class={`composer${drop.over ? ' is-drop-target' : ''}`}
      {...drop.handlers}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {error && (
        <div role="alert" class="composer-error">
          <span>{error}</span>
          <button type="button" class="icon-button" aria-label="Dismiss" onClick={() => setSendError(id, null)}>
            <Icon name="close" />
          </button>
        </div>
      )}
      <div class="composer-box">
        {parent && (
          <div class="composer-reply">
            <Icon name="reply" class="composer-reply-icon" />
            <span class="composer-reply-text">
              Replying to <strong>{usernameOf(users.value, parent.authorId)}</strong>
              <span class="composer-reply-preview">{parent.text === null ? '[deleted message]' : previewOf(parent.text)}</span>
            </span>
            <button type="button" class="icon-button" aria-label="Cancel reply" title="Cancel reply" onClick={() => replyTo(null, id)}>
              <Icon name="close" />
            </button>
          </div>
        )}
        <PendingFiles conversationId={id} />
        <textarea
          ref={field}
          id={`composer-${id}`}
          class="composer-input"
          aria-label={label}
          aria-describedby={length > 0 ? counterId : undefined}
          placeholder={`${label}…`}
          rows={1}
          value={text}
          onInput={(event) => {
            const value = event.currentTarget.value;
            setDraft(id, value);
            if (value.trim() !== '') announceTyping(id);
          }}
          onPaste={drop.onPaste}
          onKeyDown={(event) => {
            if (mentions.onKeyDown(event) || handleFormattingKey(event, event.currentTarget, (value) => setDraft(id, value))) {
              event.preventDefault();
            } else if (isSendKey(event)) {
              event.preventDefault();
              send();
            } else if (event.key === 'ArrowUp' && text === '') {
              const timeline = timelines.value.get(id);
              const last = timeline && lastOwnMessage(timeline, me.value);
              if (last) {
                event.preventDefault();
                editingId.value = last.id;
              }
            } else if (event.key === 'Escape' && parent) {
              // Handled: the next Esc leaves the composer.
              event.preventDefault();
              replyTo(null, id);
            }
          }}
        />
        {mentions.popup}
        <div class="composer-footer">
          <AttachButton conversationId={id} />
          <FormattingButtons field={field} setText={(value) => setDraft(id, value)} />
          <EmojiButton onPick={(emoji) => insertAtCaret(field.current, emoji, (value) => setDraft(id, value))} />
          <span class="composer-hint">
            {enterAddsLine.value ? (
              <>
                <kbd>Shift</kbd>+<kbd>Enter</kbd> to send · <kbd>Enter</kbd> for a new line
              </>
            ) : (
              <>
                <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
              </>
            )}
          </span>
          {length > 0 && (
            <span id={counterId} class={`composer-counter${length > MESSAGE_MAX_LENGTH ? ' is-over' : ''}`}>
              {length.toLocaleString('en')} / {MESSAGE_MAX_LENGTH.toLocaleString('en')}
            </span>
          )}
          <button type="submit" class="button button-primary composer-send" aria-disabled={empty || undefined}>
            <Icon name="send" />
            <span>Send</span>
          </button>
        </div>
      </div>
    </form>
  );
}
