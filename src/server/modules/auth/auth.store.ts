// What the auth domain needs from storage. Async and domain-shaped so another engine can implement it; the
// shared contract suite (storage/contract) pins the behaviour every adapter must have.

export interface UserRecord {
  id: number;
  username: string;
  usernameKey: string;
  passwordHash: string;
  createdAt: number;
  passwordChangedAt: number;
  deactivatedAt: number | null;
  /** Deleted accounts keep their row (and id) with the name freed; they can never sign in again. */
  deletedAt: number | null;
}

export interface SessionRecord {
  userId: number;
  createdAt: number;
  lastSeenAt: number;
}

export interface LoginThrottle {
  failures: number;
  lockedUntil: number | null;
}

export class UsernameTakenError extends Error {
  override name = 'UsernameTakenError';
}

export interface UserStore {
  /** Throws UsernameTakenError when the key is in use. */
  createUser(input: { username: string; usernameKey: string; passwordHash: string; now: number }): Promise<UserRecord>;
  findUserById(id: number): Promise<UserRecord | null>;
  findUserByKey(usernameKey: string): Promise<UserRecord | null>;
  setPasswordHash(userId: number, passwordHash: string, now: number): Promise<void>;
}

export interface SessionStore {
  createSession(input: { tokenHash: Buffer; userId: number; now: number; ip: string; userAgent: string }): Promise<void>;
  findSession(tokenHash: Buffer): Promise<SessionRecord | null>;
  /**
   * The session together with its user, in one lookup: every authenticated request asks for both. `user` is null
   * only if the account row is gone.
   */
  findSessionWithUser(tokenHash: Buffer): Promise<{ session: SessionRecord; user: UserRecord | null } | null>;
  touchSession(tokenHash: Buffer, now: number): Promise<void>;
  deleteSession(tokenHash: Buffer): Promise<void>;
  /** Ends every session of the user, except the one given (the device that changed the password). */
  deleteUserSessions(userId: number, keep?: Buffer): Promise<number>;
  deleteSessionsIdleSince(cutoff: number): Promise<number>;
}

export interface LoginThrottleStore {
  getThrottle(usernameKey: string): Promise<LoginThrottle>;
  /** Counts one failure atomically; locks when the count reaches maxFailures. */
  recordFailure(usernameKey: string, options: { now: number; maxFailures: number; lockMs: number }): Promise<LoginThrottle>;
  clearThrottle(usernameKey: string): Promise<void>;
}

export interface ResetTokenStore {
  createResetToken(input: { tokenHash: Buffer; userId: number; now: number; expiresAt: number }): Promise<void>;
  /** Marks the token used and returns its user, in one step, or null if unknown, used or expired. */
  consumeResetToken(tokenHash: Buffer, now: number): Promise<number | null>;
}

export interface AuthStores {
  users: UserStore;
  sessions: SessionStore;
  throttle: LoginThrottleStore;
  resetTokens: ResetTokenStore;
}
