import { brokenPasswordRules } from '../../../shared/domain/password-policy.js';
import { checkUsername } from '../../../shared/domain/username.js';
import { AppError } from '../../lib/app-error.js';

export function assertValidUsername(username: string): void {
  const problem = checkUsername(username);
  if (problem === 'format') {
    throw new AppError('INVALID_USERNAME', 'A username is 1 to 32 letters, digits, "_" or "-", with no spaces.');
  }
  if (problem === 'reserved') {
    throw new AppError('RESERVED_USERNAME', `"${username}" is reserved; please choose another username.`);
  }
}

export function assertValidNewPassword(password: string, confirmation: string, minLength: number): void {
  const broken = brokenPasswordRules(password, { minLength });
  if (broken.length > 0) {
    const list = broken.map((rule) => rule.label.charAt(0).toLowerCase() + rule.label.slice(1)).join('; ');
    throw new AppError('WEAK_PASSWORD', `The password needs: ${list}.`, { rules: broken.map((r) => r.id) });
  }
  // Compares the person's own two entries, not a secret with a guess: timing reveals nothing.
  // eslint-disable-next-line security/detect-possible-timing-attacks
  if (password !== confirmation) throw new AppError('PASSWORD_MISMATCH', 'The two passwords do not match.');
}
