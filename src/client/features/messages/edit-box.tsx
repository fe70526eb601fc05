// Editing a message in place: Enter saves, Shift+Enter adds a line, Escape cancels; the composer's formatting
// shortcuts work here too.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Message } from '../../../shared/protocol/messages.js';
import { Button } from '../../ui/button.js';
import { FormError } from '../../ui/form-error.js';
import { errorMessage } from '../auth/error-message.js';
import { handleFormattingKey } from '../formatting/shortcuts.js';
import { fitToContent } from './composer.js';
import { editMessage } from './state.js';
import { editingId } from './view-state.js';

export function EditBox({ message }: { message: Message }) {
  const text = useSignal(message.text ?? '');
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const element = field.current;
    if (!element) return;
    fitToContent(element);
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, []);

  const finish = () => {
    editingId.value = null;
    document.getElementById(`composer-${message.conversationId}`)?.focus();
  };

  const save = async () => {
    if (busy.value) return;
    if (text.value === message.text) return finish();
    busy.value = true;
    error.value = null;
    try {
      await editMessage(message, text.value);
      finish();
    } catch (failure) {
      error.value = errorMessage(failure);
    } finally {
      busy.value = false;
    }
  };

  return (
    <form
      class="edit-box"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <textarea
        ref={field}
        class="edit-input"
        aria-label="Edit message"
        rows={1}
        value={text.value}
        onInput={(event) => {
          text.value = event.currentTarget.value;
          fitToContent(event.currentTarget);
        }}
        onKeyDown={(event) => {
          if (handleFormattingKey(event, event.currentTarget, (value) => (text.value = value))) {
            event.preventDefault();
          } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            void save();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            finish();
          }
        }}
      />
      <FormError message={error.value} />
      <div class="edit-actions">
        <span class="edit-hint">Enter to save · Esc to cancel</span>
        <Button variant="secondary" onClick={finish}>
          Cancel
        </Button>
        <Button type="submit" busy={busy.value} busyLabel="Saving…">
          Save
        </Button>
      </div>
    </form>
  );
}
