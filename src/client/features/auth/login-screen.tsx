import { useSignal } from '@preact/signals';
import { AuthCard } from './auth-card.js';
import { errorMessage } from './error-message.js';
import { logIn } from './state.js';
import { Link } from '../../app/link.js';
import { ROUTES } from '../../app/router.js';
import { Button } from '../../ui/button.js';
import { FormError } from '../../ui/form-error.js';
import { TextField } from '../../ui/text-field.js';

export function LoginScreen() {
  const username = useSignal('');
  const password = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    error.value = null;
    if (!username.value.trim() || !password.value) {
      error.value = 'Enter your username and password.';
      return;
    }
    // A wrong password is answered only after a deliberate delay (it slows guessing), so say we are working on it.
    busy.value = true;
    try {
      await logIn(username.value.trim(), password.value);
    } catch (failure) {
      error.value = errorMessage(failure);
    } finally {
      busy.value = false;
    }
  }

  return (
    <AuthCard
      title="Log in"
      footer={
        <p>
          Don’t have an account? <Link to={ROUTES.signup}>Sign up</Link>
        </p>
      }
    >
      <form class="form" onSubmit={submit} noValidate>
        <TextField label="Username" value={username.value} onValue={(v) => (username.value = v)} autoComplete="username" focusOnMount />
        <TextField
          label="Password"
          type="password"
          value={password.value}
          onValue={(v) => (password.value = v)}
          autoComplete="current-password"
          revealable
        />
        <FormError message={error.value} />
        <Button type="submit" block busy={busy.value} busyLabel="Logging in…">
          Log in
        </Button>
      </form>
      <p class="auth-aside">Forgot your password? Ask an administrator for a reset link.</p>
    </AuthCard>
  );
}
