// Reactions under a message (a chip per emoji: count, highlighted when one is yours, who on hover; a click toggles
// yours), and the button in the message's actions that adds one.
import { signal, useSignal, useSignalEffect } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { Message } from '../../../shared/protocol/messages.js';
import { Icon } from '../../ui/icons.js';
import { usernameOf } from '../conversations/model.js';
import { me, users } from '../conversations/state.js';
import { chipsOf, reactedByText } from './chips.js';
import { EmojiPicker } from './lazy-picker.js';
import { pendingToggles, react, reactionErrors, setReaction } from './state.js';

export function ReactionBar({ message }: { message: Message }) {
  const chips = chipsOf(message.reactions, me.value, pendingToggles.value.get(message.id));
  const error = reactionErrors.value.get(message.id);
  if (chips.length === 0 && !error) return null;
  const nameOf = (id: number) => usernameOf(users.value, id);
  return (
    <div class="reaction-bar" role="group" aria-label="Reactions">
      {chips.map((chip) => {
        const who = reactedByText(chip.userIds, nameOf);
        return (
          <button
            key={chip.emoji}
            type="button"
            class={`reaction-chip${chip.mine ? ' is-mine' : ''}`}
            aria-pressed={chip.mine}
            aria-label={`${chip.emoji} ${chip.userIds.length}. ${who}`}
            title={who}
            onClick={() => void setReaction(message, chip.emoji, !chip.mine)}
          >
            <span class="reaction-emoji" aria-hidden="true">
              {chip.emoji}
            </span>
            <span class="reaction-count" aria-hidden="true">
              {chip.userIds.length}
            </span>
          </button>
        );
      })}
      {chips.length > 0 && <AddReaction message={message} variant="chip" />}
      {error && (
        <span class="reaction-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** A message whose picker should open (the `e` shortcut in visual mode), as if its button had been clicked. */
const pickerRequest = signal<number | null>(null);

export function openReactionPicker(messageId: number): void {
  pickerRequest.value = messageId;
}

export function ReactButton({ message }: { message: Message }) {
  return <AddReaction message={message} variant="action" />;
}

function AddReaction({ message, variant }: { message: Message; variant: 'action' | 'chip' }) {
  const anchor = useSignal<HTMLButtonElement | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const label = 'Add a reaction';
  useSignalEffect(() => {
    if (variant !== 'action' || pickerRequest.value !== message.id) return;
    pickerRequest.value = null;
    anchor.value = button.current;
  });
  return (
    <>
      <button
        ref={button}
        type="button"
        class={variant === 'action' ? 'message-action' : 'reaction-chip reaction-add'}
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={anchor.value !== null}
        onClick={(event) => (anchor.value = anchor.value ? null : event.currentTarget)}
      >
        <Icon name="smile" />
        {variant === 'chip' && <span aria-hidden="true">+</span>}
      </button>
      {anchor.value && (
        <EmojiPicker anchor={anchor.value} title={label} onPick={(emoji) => void react(message, emoji)} onClose={() => (anchor.value = null)} />
      )}
    </>
  );
}
