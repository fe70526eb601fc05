import { useSignal } from '@preact/signals';
import { AuthCard } from './auth-card.js';
import { errorMessage } from './error-message.js';
import { newPasswordProblem } from './form-checks.js';
import { NewPasswordFields } from './new-password-fields.js';
import { loadSession, passwordPolicy, resetPassword } from './state.js';
import { ApiError } from '../../api/api.js';
import { Link } from '../../app/link.js';
import { ROUTES } from '../../app/router.js';
import { Button } from '../../ui/button.js';
import { FormError } from '../../ui/form-error.js';

const INVALID_LINK = 'This password reset link is invalid, used or expired. Ask an administrator for a new one.';

// The admin hands out `<origin>/reset-password#token=…`: a fragment never reaches the server or its logs.
function tokenFromHash(): string {
  return new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
}

export function ResetPasswordScreen() {
  const token = useSignal(tokenFromHash());
  const password = useSignal('');
  const confirm = useSignal('');
  const confirmLeft = useSignal(false);
  const outcome = useSignal<'form' | 'done' | 'invalid'>(token.value ? 'form' : 'invalid');
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    error.value = null;
    confirmLeft.value = true;
    const problem = newPasswordProblem(password.value, confirm.value, passwordPolicy.value);
    if (problem) {
      error.value = problem;
      return;
    }
    busy.value = true;
    try {
      await resetPassword(token.value, password.value, confirm.value);
      outcome.value = 'done';
      // A reset ends the account's sessions, possibly this browser's too; find out who we are now.
      void loadSession();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 410) outcome.value = 'invalid';
      else error.value = errorMessage(failure);
    } finally {
      busy.value = false;
    }
  }

  if (outcome.value === 'invalid') {
    return (
      <AuthCard title="Reset password">
        <p role="alert" class="notice notice-error">
          {INVALID_LINK}
        </p>
        <Link to={ROUTES.login} class="button button-secondary button-block">
          Go to log in
        </Link>
      </AuthCard>
    );
  }

  if (outcome.value === 'done') {
    return (
      <AuthCard title="Password changed">
        <p role="status" class="notice notice-success">
          Your password was changed. Log in with your new password.
        </p>
        <Link to={ROUTES.login} class="button button-primary button-block">
          Log in
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Choose a new password">
      <form class="form" onSubmit={submit} noValidate>
        <NewPasswordFields password={password} confirm={confirm} confirmLeft={confirmLeft} focusOnMount />
        <FormError message={error.value} />
        <Button type="submit" block busy={busy.value} busyLabel="Saving…">
          Set password
        </Button>
      </form>
    </AuthCard>
  );
}
