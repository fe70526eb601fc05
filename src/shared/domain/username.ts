// Usernames are unique case-insensitively; the casing the person typed is kept for display.

export const USERNAME_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

// Names that would read as the system itself or as a mention of many people.
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  'minimost',
  'system',
  'everyone',
  'here',
  'channel',
  'deleteduser',
]);

export type UsernameProblem = 'format' | 'reserved';

export function checkUsername(username: string): UsernameProblem | null {
  if (!USERNAME_PATTERN.test(username)) return 'format';
  if (RESERVED_USERNAMES.has(username.toLowerCase())) return 'reserved';
  return null;
}

export function usernameKey(username: string): string {
  return username.toLowerCase();
}
