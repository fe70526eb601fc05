// Who is signed in on this tab, and the actions that change it. No JSX: screens call these and read the signals.
import { batch, computed, signal } from '@preact/signals';
import { api } from '../../api/api.js';
import { navigate, ROUTES } from '../../app/router.js';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../../../shared/domain/password-policy.js';
import type { PublicUser } from '../../../shared/protocol/auth.js';

export type SessionStatus = 'loading' | 'ready' | 'failed';

export const sessionStatus = signal<SessionStatus>('loading');
export const sessionError = signal<string | null>(null);
export const currentUser = signal<PublicUser | null>(null);
// The server's policy wins over the default: an admin may have raised the minimum length.
export const passwordPolicy = signal<PasswordPolicy>(DEFAULT_PASSWORD_POLICY);
export const isSignedIn = computed(() => currentUser.value !== null);

/** Asks the server who we are; also makes it set the CSRF cookie every later POST is checked against. */
export async function loadSession(): Promise<void> {
  // A refresh after logout keeps the current screen up instead of flashing the loading screen.
  if (sessionStatus.value !== 'ready') sessionStatus.value = 'loading';
  try {
    const session = await api.getSession();
    batch(() => {
      currentUser.value = session.user;
      passwordPolicy.value = session.passwordPolicy;
      sessionError.value = null;
      sessionStatus.value = 'ready';
    });
  } catch (error) {
    batch(() => {
      sessionError.value = error instanceof Error ? error.message : String(error);
      sessionStatus.value = 'failed';
    });
  }
}

// Signing in needs no navigation here: the router sends a signed-in person away from /login and /signup.
export async function logIn(username: string, password: string): Promise<void> {
  const { user } = await api.logIn({ username, password });
  currentUser.value = user;
}

export async function signUp(username: string, password: string, confirmPassword: string): Promise<void> {
  const { user } = await api.signUp({ username, password, confirmPassword });
  currentUser.value = user;
}

export async function logOut(): Promise<void> {
  await api.logOut();
  // Both in one batch, or the router would first see a signed-out person on / and redirect to /login.
  batch(() => {
    currentUser.value = null;
    navigate(ROUTES.loggedOut, { replace: true });
  });
  // The old CSRF token belonged to the revoked session; fetch a fresh one for the next login.
  await loadSession();
}

export async function changePassword(currentPassword: string, newPassword: string, confirmPassword: string): Promise<void> {
  await api.changePassword({ currentPassword, newPassword, confirmPassword });
  // The server may rotate or end sessions on a password change; pick up the current user and CSRF token again.
  await loadSession();
}

export async function resetPassword(token: string, password: string, confirmPassword: string): Promise<void> {
  await api.resetPassword({ token, password, confirmPassword });
}
