// What the sign-up, reset and change-password forms tell the person while they type. Pure functions over the shared
// rules, so the browser says exactly what the server will enforce and the wording is unit-tested without a DOM.
import { checkPassword, type PasswordPolicy, type PasswordRule } from '../../../shared/domain/password-policy.js';
import { checkUsername } from '../../../shared/domain/username.js';

export const USERNAME_HINT = '1–32 letters, digits, _ and -';

/** The checklist rows: every rule, except the upper length limit until someone actually reaches it. */
export function passwordChecklist(password: string, policy: PasswordPolicy, failedOnServer: ReadonlySet<string> = new Set()): PasswordRule[] {
  return checkPassword(password, policy)
    .map((rule) => (failedOnServer.has(rule.id) ? { ...rule, ok: false } : rule))
    .filter((rule) => rule.id !== 'max-length' || !rule.ok);
}

/**
 * Whether to flag the confirmation as different yet. Not while the person is still typing a prefix of the password
 * (that would shout at every keystroke), but as soon as it diverges, is as long, or they have left the field.
 */
export function showConfirmMismatch(password: string, confirm: string, leftField: boolean): boolean {
  if (confirm === '' || confirm === password) return false;
  return leftField || confirm.length >= password.length || !password.startsWith(confirm);
}

/**
 * What is wrong with a username. A bad character or too many is worth saying at once; "reserved" only once they
 * have finished (`finished`), so typing "here" on the way to "hereford" does not flash an error.
 */
export function usernameProblem(username: string, finished = true): string | null {
  if (username === '') return finished ? 'Choose a username.' : null;
  const problem = checkUsername(username);
  if (problem === 'reserved' && !finished) return null;
  switch (problem) {
    case 'format':
      return `A username is ${USERNAME_HINT}.`;
    case 'reserved':
      return 'That username is reserved. Choose another.';
    default:
      return null;
  }
}

/** The first reason a new password cannot be submitted yet, worded for the form's alert, or null. */
export function newPasswordProblem(password: string, confirm: string, policy: PasswordPolicy): string | null {
  if (checkPassword(password, policy).some((rule) => !rule.ok)) return 'The password does not meet every requirement in the list.';
  // Both values are the person's own typing in this form, not a secret checked against a stored one: timing tells nothing.
  // eslint-disable-next-line security/detect-possible-timing-attacks
  if (password !== confirm) return 'The passwords do not match.';
  return null;
}
