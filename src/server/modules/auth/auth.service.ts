import type { PublicUser } from '../../../shared/protocol/auth.js';
import { usernameKey } from '../../../shared/domain/username.js';
import type { AuditLog } from '../../audit/audit-log.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { assertValidNewPassword, assertValidUsername } from './auth.rules.js';
import { UsernameTakenError, type AuthStores, type UserRecord } from './auth.store.js';
import type { PasswordHasher } from './password-hasher.js';

export interface AuthPolicy {
  passwordMinLength: number;
  maxFailures: number;
  lockoutMs: number;
  failureDelayMs: number;
  sessionIdleMs: number;
}

export interface RequestContext {
  ip: string;
  userAgent: string;
}

/** What other modules do when accounts change; wired in the composition root. */
export interface AuthHooks {
  userCreated?(user: UserRecord): Promise<void>;
  /** Sessions ended: one (logout), or all of a user's except `keep` (password change, reset). */
  sessionsRevoked?(revoked: { tokenHash: Buffer } | { userId: number; keep?: Buffer }): void;
  resetRequested?(user: UserRecord): Promise<void>;
}

export interface AuthenticatedSession {
  user: UserRecord;
  tokenHash: Buffer;
}

// Writing last_seen on every request would turn each read into a write; a minute of slack is harmless.
const TOUCH_EVERY_MS = 60_000;

function canSignIn(user: UserRecord): boolean {
  return user.deactivatedAt === null && user.deletedAt === null;
}

export function publicUser(user: UserRecord): PublicUser {
  return { id: user.id, username: user.username };
}

export function createAuthService(deps: {
  stores: AuthStores;
  hasher: PasswordHasher;
  clock: Clock;
  audit: AuditLog;
  policy: AuthPolicy;
  hooks?: AuthHooks;
  /** Asked at each sign-up (the `signup` setting can change while running); open when not given. */
  signupOpen?: () => boolean;
}) {
  const { stores, hasher, clock, audit, policy } = deps;
  const hooks = deps.hooks ?? {};
  let dummyHash: Promise<string> | undefined;

  async function startSession(user: UserRecord, ctx: RequestContext): Promise<string> {
    const token = newToken();
    await stores.sessions.createSession({
      tokenHash: hashToken(token),
      userId: user.id,
      now: clock.now(),
      ip: ctx.ip,
      userAgent: ctx.userAgent.slice(0, 300),
    });
    return token;
  }

  function lockedMessage(lockedUntil: number): string {
    const minutes = Math.max(1, Math.ceil((lockedUntil - clock.now()) / 60_000));
    return `Too many failed attempts: this account is locked. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }

  return {
    async signUp(input: { username: string; password: string; confirmPassword: string }, ctx: RequestContext) {
      if (deps.signupOpen && !deps.signupOpen()) {
        throw new AppError('SIGNUP_CLOSED', 'Sign-ups are closed on this server. Ask your admin to create an account for you.');
      }
      assertValidUsername(input.username);
      assertValidNewPassword(input.password, input.confirmPassword, policy.passwordMinLength);
      const passwordHash = await hasher.hash(input.password);
      let user: UserRecord;
      try {
        user = await stores.users.createUser({
          username: input.username,
          usernameKey: usernameKey(input.username),
          passwordHash,
          now: clock.now(),
        });
      } catch (err) {
        if (err instanceof UsernameTakenError) {
          throw new AppError('USERNAME_TAKEN', `The username "${input.username}" is already taken.`);
        }
        throw err;
      }
      audit.record({ event: 'account.created', outcome: 'success', userId: user.id, username: user.username, ip: ctx.ip });
      await hooks.userCreated?.(user);
      return { user, token: await startSession(user, ctx) };
    },

    /**
     * Unknown names and wrong passwords get the same answer after the same delay, and are throttled alike (the
     * count is kept per typed name), so the answer never tells whether an account exists.
     */
    async logIn(input: { username: string; password: string }, ctx: RequestContext) {
      const key = usernameKey(input.username);
      const throttle = await stores.throttle.getThrottle(key);
      if (throttle.lockedUntil !== null && throttle.lockedUntil > clock.now()) {
        audit.record({ event: 'login.locked', outcome: 'failure', username: input.username.slice(0, 64), ip: ctx.ip });
        throw new AppError('ACCOUNT_LOCKED', lockedMessage(throttle.lockedUntil));
      }
      const user = key.length > 0 && key.length <= 32 ? await stores.users.findUserByKey(key) : null;
      dummyHash ??= hasher.hash('not a real password: equalises timing');
      const ok = await hasher.verify(user?.passwordHash ?? (await dummyHash), input.password);
      if (!user || !ok || !canSignIn(user)) {
        const after = await stores.throttle.recordFailure(key, {
          now: clock.now(),
          maxFailures: policy.maxFailures,
          lockMs: policy.lockoutMs,
        });
        audit.record({
          event: 'login.failed',
          outcome: 'failure',
          userId: user?.id ?? null,
          username: input.username.slice(0, 64),
          ip: ctx.ip,
          detail: after.lockedUntil !== null ? 'account locked' : `failure ${after.failures}`,
        });
        await clock.sleep(policy.failureDelayMs);
        throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password.');
      }
      await stores.throttle.clearThrottle(key);
      audit.record({ event: 'login.succeeded', outcome: 'success', userId: user.id, username: user.username, ip: ctx.ip });
      return { user, token: await startSession(user, ctx) };
    },

    async logOut(session: AuthenticatedSession, ctx: RequestContext) {
      await stores.sessions.deleteSession(session.tokenHash);
      hooks.sessionsRevoked?.({ tokenHash: session.tokenHash });
      audit.record({ event: 'logout', outcome: 'success', userId: session.user.id, username: session.user.username, ip: ctx.ip });
    },

    /** The session behind a cookie, or null when unknown, idle too long, or its user can no longer log in. */
    async resolveSession(token: string): Promise<AuthenticatedSession | null> {
      if (token.length === 0 || token.length > 100) return null;
      const tokenHash = hashToken(token);
      const found = await stores.sessions.findSessionWithUser(tokenHash);
      if (!found) return null;
      const { session, user } = found;
      const now = clock.now();
      if (now - session.lastSeenAt > policy.sessionIdleMs) {
        await stores.sessions.deleteSession(tokenHash);
        return null;
      }
      if (!user || !canSignIn(user)) return null;
      if (now - session.lastSeenAt > TOUCH_EVERY_MS) await stores.sessions.touchSession(tokenHash, now);
      return { user, tokenHash };
    },

    /**
     * Whether a socket opened with this session may stay open: the session still exists and its user may still
     * sign in. Another process (the admin CLI) may have ended it since.
     */
    async isSessionLive(tokenHash: Buffer): Promise<boolean> {
      const user = (await stores.sessions.findSessionWithUser(tokenHash))?.user ?? null;
      return user !== null && canSignIn(user);
    },

    async changePassword(
      session: AuthenticatedSession,
      input: { currentPassword: string; newPassword: string; confirmPassword: string },
      ctx: RequestContext,
    ) {
      const { user } = session;
      if (!(await hasher.verify(user.passwordHash, input.currentPassword))) {
        audit.record({ event: 'password.changed', outcome: 'failure', userId: user.id, username: user.username, ip: ctx.ip, detail: 'wrong current password' });
        throw new AppError('WRONG_PASSWORD', 'The current password is wrong.');
      }
      assertValidNewPassword(input.newPassword, input.confirmPassword, policy.passwordMinLength);
      await stores.users.setPasswordHash(user.id, await hasher.hash(input.newPassword), clock.now());
      // Whoever else holds a session (a stolen one, an old laptop) is signed out; this device stays signed in.
      const revoked = await stores.sessions.deleteUserSessions(user.id, session.tokenHash);
      hooks.sessionsRevoked?.({ userId: user.id, keep: session.tokenHash });
      audit.record({ event: 'password.changed', outcome: 'success', userId: user.id, username: user.username, ip: ctx.ip, detail: `${revoked} other sessions ended` });
    },

    /** For the admin CLI: a single-use token; only its hash is stored. */
    async issueResetToken(username: string, expiresInMinutes: number) {
      const user = await stores.users.findUserByKey(usernameKey(username));
      if (!user) throw new AppError('NOT_FOUND', `No user named "${username}".`);
      const token = newToken();
      const now = clock.now();
      await stores.resetTokens.createResetToken({
        tokenHash: hashToken(token),
        userId: user.id,
        now,
        expiresAt: now + expiresInMinutes * 60_000,
      });
      audit.record({ event: 'password.reset.requested', outcome: 'success', userId: user.id, username: user.username, ip: 'cli' });
      await hooks.resetRequested?.(user);
      return { user, token };
    },

    async resetPassword(input: { token: string; password: string; confirmPassword: string }, ctx: RequestContext) {
      assertValidNewPassword(input.password, input.confirmPassword, policy.passwordMinLength);
      // Hashed before the token is spent, so a failure here leaves the link usable.
      const passwordHash = await hasher.hash(input.password);
      const userId = await stores.resetTokens.consumeResetToken(hashToken(input.token), clock.now());
      const user = userId === null ? null : await stores.users.findUserById(userId);
      if (!user) {
        audit.record({ event: 'password.reset', outcome: 'failure', ip: ctx.ip, detail: 'invalid, used or expired token' });
        throw new AppError('INVALID_RESET_TOKEN', 'This reset link is invalid, already used or expired. Ask your admin for a new one.');
      }
      await stores.users.setPasswordHash(user.id, passwordHash, clock.now());
      await stores.throttle.clearThrottle(user.usernameKey);
      await stores.sessions.deleteUserSessions(user.id);
      hooks.sessionsRevoked?.({ userId: user.id });
      audit.record({ event: 'password.reset', outcome: 'success', userId: user.id, username: user.username, ip: ctx.ip });
      return user;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
