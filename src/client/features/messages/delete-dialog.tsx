// Deleting asks first: a deletion cannot be undone.
import { useSignal } from '@preact/signals';
import type { Message } from '../../../shared/protocol/messages.js';
import { Button } from '../../ui/button.js';
import { Dialog } from '../../ui/dialog.js';
import { FormError } from '../../ui/form-error.js';
import { errorMessage } from '../auth/error-message.js';
import { deleteMessage } from './state.js';

export function DeleteMessageDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  return (
    <Dialog title="Delete message?" onClose={onClose}>
      {(close) => (
        <div class="form">
          <blockquote class="dialog-quote">{message.text}</blockquote>
          <p class="dialog-text">It will be removed for everyone. This cannot be undone.</p>
          <FormError message={error.value} />
          <div class="dialog-actions">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button
              variant="danger"
              busy={busy.value}
              busyLabel="Deleting…"
              onClick={async () => {
                busy.value = true;
                error.value = null;
                try {
                  await deleteMessage(message);
                  close();
                } catch (failure) {
                  error.value = errorMessage(failure);
                  busy.value = false;
                }
              }}
            >
              Delete
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
