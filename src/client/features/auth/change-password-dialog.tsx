import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { errorMessage } from './error-message.js';
import { newPasswordProblem } from './form-checks.js';
import { NewPasswordFields } from './new-password-fields.js';
import { changePassword, passwordPolicy } from './state.js';
import { Button } from '../../ui/button.js';
import { FormError } from '../../ui/form-error.js';
import { TextField } from '../../ui/text-field.js';

/**
 * A modal `<dialog>`: the browser traps focus, closes it on Escape and returns focus to the opener, which a
 * hand-made overlay would have to reimplement. Mounted only while open, so every opening starts with empty fields.
 */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const current = useSignal('');
  const password = useSignal('');
  const confirm = useSignal('');
  const confirmLeft = useSignal(false);
  const busy = useSignal(false);
  const done = useSignal(false);
  const error = useSignal<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    error.value = null;
    confirmLeft.value = true;
    const problem = current.value ? newPasswordProblem(password.value, confirm.value, passwordPolicy.value) : 'Enter your current password.';
    if (problem) {
      error.value = problem;
      return;
    }
    busy.value = true;
    try {
      await changePassword(current.value, password.value, confirm.value);
      done.value = true;
    } catch (failure) {
      error.value = errorMessage(failure);
    } finally {
      busy.value = false;
    }
  }

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="change-password-title" onClose={onClose}>
      <h2 id="change-password-title" class="dialog-title">
        Change password
      </h2>
      {done.value ? (
        <>
          <p role="status" class="notice notice-success">
            Your password was changed.
          </p>
          <div class="dialog-actions">
            <Button onClick={() => dialog.current?.close()}>Done</Button>
          </div>
        </>
      ) : (
        <form class="form" onSubmit={submit} noValidate>
          <TextField
            label="Current password"
            type="password"
            value={current.value}
            onValue={(v) => (current.value = v)}
            autoComplete="current-password"
            focusOnMount
            revealable
          />
          <NewPasswordFields password={password} confirm={confirm} confirmLeft={confirmLeft} confirmLabel="Confirm new password" />
          <FormError message={error.value} />
          <div class="dialog-actions">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" busy={busy.value} busyLabel="Saving…">
              Change password
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
