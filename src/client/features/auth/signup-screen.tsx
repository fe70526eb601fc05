import { useComputed, useSignal } from '@preact/signals';
import { AuthCard } from './auth-card.js';
import { errorMessage } from './error-message.js';
import { newPasswordProblem, USERNAME_HINT, usernameProblem } from './form-checks.js';
import { NewPasswordFields } from './new-password-fields.js';
import { passwordPolicy, signUp } from './state.js';
import { ApiError } from '../../api/api.js';
import { Link } from '../../app/link.js';
import { ROUTES } from '../../app/router.js';
import { Button } from '../../ui/button.js';
import { FormError } from '../../ui/form-error.js';
import { TextField } from '../../ui/text-field.js';

export function SignupScreen() {
  const username = useSignal('');
  const password = useSignal('');
  const confirm = useSignal('');
  const usernameLeft = useSignal(false);
  const confirmLeft = useSignal(false);
  const failedOnServer = useSignal<ReadonlySet<string>>(new Set());
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);

  const nameProblem = useComputed(() => usernameProblem(username.value, usernameLeft.value && username.value !== ''));

  async function submit(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    error.value = null;
    usernameLeft.value = true;
    confirmLeft.value = true;
    const problem = usernameProblem(username.value) ?? newPasswordProblem(password.value, confirm.value, passwordPolicy.value);
    if (problem) {
      error.value = problem;
      return;
    }
    busy.value = true;
    try {
      await signUp(username.value, password.value, confirm.value);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'WEAK_PASSWORD') failedOnServer.value = new Set(failure.brokenRules);
      error.value = errorMessage(failure);
    } finally {
      busy.value = false;
    }
  }

  return (
    <AuthCard
      title="Create account"
      footer={
        <p>
          Already have an account? <Link to={ROUTES.login}>Log in</Link>
        </p>
      }
    >
      <form class="form" onSubmit={submit} noValidate>
        <TextField
          label="Username"
          value={username.value}
          onValue={(v) => (username.value = v)}
          onBlur={() => (usernameLeft.value = true)}
          autoComplete="username"
          hint={`${USERNAME_HINT}. This is how others see and mention you.`}
          error={nameProblem.value}
          focusOnMount
        />
        <NewPasswordFields password={password} confirm={confirm} confirmLeft={confirmLeft} failedOnServer={failedOnServer} passwordLabel="Password" />
        <FormError message={error.value} />
        <Button type="submit" block busy={busy.value} busyLabel="Signing up…">
          Sign up
        </Button>
      </form>
    </AuthCard>
  );
}
