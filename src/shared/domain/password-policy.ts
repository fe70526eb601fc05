// One password policy for server and client: the server enforces it, the sign-up form shows it as a live checklist.

export interface PasswordPolicy {
  minLength: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 12 };
export const PASSWORD_MAX_LENGTH = 1024;

export interface PasswordRule {
  id: 'min-length' | 'max-length' | 'upper' | 'lower' | 'digit' | 'special';
  label: string;
  ok: boolean;
}

export function checkPassword(password: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): PasswordRule[] {
  // Counted in code points so an emoji is one character, as a person would count it.
  const length = [...password].length;
  return [
    { id: 'min-length', label: `At least ${policy.minLength} characters`, ok: length >= policy.minLength },
    { id: 'max-length', label: `At most ${PASSWORD_MAX_LENGTH} characters`, ok: length <= PASSWORD_MAX_LENGTH },
    { id: 'upper', label: 'An upper-case letter', ok: /\p{Lu}/u.test(password) },
    { id: 'lower', label: 'A lower-case letter', ok: /\p{Ll}/u.test(password) },
    { id: 'digit', label: 'A digit', ok: /\p{Nd}/u.test(password) },
    { id: 'special', label: 'A special character (not a letter or digit)', ok: /[^\p{L}\p{Nd}]/u.test(password) },
  ];
}

export function brokenPasswordRules(password: string, policy?: PasswordPolicy): PasswordRule[] {
  return checkPassword(password, policy).filter((rule) => !rule.ok);
}
