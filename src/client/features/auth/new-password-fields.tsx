import { useComputed, type Signal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { PasswordChecklist } from './password-checklist.js';
import { passwordChecklist, showConfirmMismatch } from './form-checks.js';
import { passwordPolicy } from './state.js';
import { TextField } from '../../ui/text-field.js';

/** "New password" + "Confirm password" with the live checklist, as the reset and change-password forms share them. */
export function NewPasswordFields(props: {
  password: Signal<string>;
  confirm: Signal<string>;
  confirmLeft: Signal<boolean>;
  /** Rule ids the server rejected (its policy may be stricter than the one we know); cleared on the next keystroke. */
  failedOnServer?: Signal<ReadonlySet<string>>;
  passwordLabel?: string;
  confirmLabel?: string;
  focusOnMount?: boolean;
}) {
  const { password, confirm, confirmLeft } = props;
  const checklistId = useId();
  const rules = useComputed(() => passwordChecklist(password.value, passwordPolicy.value, props.failedOnServer?.value));
  const mismatch = useComputed(() => showConfirmMismatch(password.value, confirm.value, confirmLeft.value));
  return (
    <>
      <TextField
        label={props.passwordLabel ?? 'New password'}
        type="password"
        value={password.value}
        onValue={(v) => {
          password.value = v;
          if (props.failedOnServer) props.failedOnServer.value = new Set();
        }}
        autoComplete="new-password"
        describedBy={checklistId}
        focusOnMount={props.focusOnMount}
        revealable
      />
      <PasswordChecklist id={checklistId} rules={rules.value} />
      <TextField
        label={props.confirmLabel ?? 'Confirm password'}
        type="password"
        value={confirm.value}
        onValue={(v) => (confirm.value = v)}
        onBlur={() => (confirmLeft.value = true)}
        autoComplete="new-password"
        error={mismatch.value ? 'The passwords do not match.' : null}
        revealable
      />
    </>
  );
}
