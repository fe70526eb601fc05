// The composer's emoji button: picks an emoji and hands it to the composer to insert at the caret.
import { useSignal } from '@preact/signals';
import { Icon } from '../../ui/icons.js';
import { EmojiPicker } from './lazy-picker.js';
import { rememberEmoji } from './state.js';

export function EmojiButton({ onPick }: { onPick: (emoji: string) => void }) {
  const anchor = useSignal<HTMLButtonElement | null>(null);
  const label = 'Insert an emoji';
  return (
    <>
      <button
        type="button"
        class="composer-tool"
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={anchor.value !== null}
        onClick={(event) => (anchor.value = anchor.value ? null : event.currentTarget)}
      >
        <Icon name="smile" />
      </button>
      {anchor.value && (
        <EmojiPicker
          anchor={anchor.value}
          title={label}
          onPick={(emoji) => {
            rememberEmoji(emoji);
            onPick(emoji);
          }}
          onClose={() => (anchor.value = null)}
        />
      )}
    </>
  );
}
