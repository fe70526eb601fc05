// The signed-in person's own profile and account: picture, colour, deletion. Signals and actions only.
import { batch, signal } from '@preact/signals';
import { api } from '../../api/api.js';
import { navigate, ROUTES } from '../../app/router.js';
import type { DeleteAccountRequest } from '../../../shared/protocol/auth.js';
import { currentUser, loadSession } from '../auth/state.js';
import { putUser } from '../conversations/state.js';
import { avatarFileProblem, cropAvatar } from './crop.js';

export const settingsOpen = signal(false);

/** Crops and shrinks the picture here, then uploads it; the answer updates this tab before the event arrives. */
export async function uploadAvatar(file: File): Promise<void> {
  const problem = avatarFileProblem(file);
  if (problem) throw new Error(problem);
  const { user } = await api.setAvatar(await cropAvatar(file));
  putUser(user);
}

export async function removeAvatar(): Promise<void> {
  putUser((await api.removeAvatar()).user);
}

export async function chooseColour(colour: string | null): Promise<void> {
  putUser((await api.setColour(colour)).user);
}

/** The server ends every session of the account; this tab then shows the signed-out screen. */
export async function deleteAccount(body: DeleteAccountRequest): Promise<void> {
  await api.deleteAccount(body);
  batch(() => {
    settingsOpen.value = false;
    currentUser.value = null;
    navigate(ROUTES.loggedOut, { replace: true });
  });
  // The old CSRF token belonged to the ended session; fetch a fresh one for whoever signs in next.
  await loadSession();
}
