import { usernameKey } from '../../../shared/domain/username.js';
import type { AuditLog } from '../../audit/audit-log.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { assertValidUsername } from '../auth/auth.rules.js';
import type { AuthenticatedSession, RequestContext } from '../auth/auth.service.js';
import { UsernameTakenError, type AuthStores, type UserRecord } from '../auth/auth.store.js';
import type { PasswordHasher } from '../auth/password-hasher.js';
import type { AccountStore } from './accounts.store.js';

/** Not an Argon2 hash, so no password ever matches it: the account is usable only through its set-password link. */
const UNUSABLE_PASSWORD = '!';

export type DeletionMode = 'soft' | 'hard';

/** What other modules do when accounts change; wired in the composition root (and by the CLI). */
export interface AccountHooks {
  userCreated?(user: UserRecord): Promise<void>;
  /** All of this user's sessions ended: close their sockets. */
  sessionsEnded?(userId: number): void;
  /** Deletes every message the user wrote, announcing it; returns how many. */
  deleteMessagesOf?(userId: number): Promise<number>;
  /** The account was deleted (its row already cleared): remove what it left on disk and tell everyone. */
  accountDeleted?(userId: number): Promise<void>;
}

/**
 * The account lifecycle beyond sign-up and login: the admin adds, lists, deactivates and reactivates people; people
 * delete their own account. A deactivated account keeps everything but cannot sign in; a deleted one keeps its id
 * (never reused) so the same name signed up again is a new person with none of the old conversations.
 */
export function createAccountService(deps: {
  accounts: AccountStore;
  auth: AuthStores;
  hasher: PasswordHasher;
  clock: Clock;
  audit: AuditLog;
  hooks?: AccountHooks;
}) {
  const { accounts, auth, hasher, clock, audit } = deps;
  const hooks = deps.hooks ?? {};

  async function existing(username: string): Promise<UserRecord> {
    const user = await auth.users.findUserByKey(usernameKey(username));
    if (!user) throw new AppError('NOT_FOUND', `No user named "${username}".`);
    return user;
  }

  return {
    listAccounts: () => accounts.listAccounts(),

    /**
     * For closed sign-ups: an account without a password and a one-time link (the password-reset mechanism) with
     * which its owner chooses one.
     */
    async addUser(username: string, expiresInMinutes: number): Promise<{ user: UserRecord; token: string }> {
      assertValidUsername(username);
      const now = clock.now();
      let user: UserRecord;
      try {
        user = await auth.users.createUser({ username, usernameKey: usernameKey(username), passwordHash: UNUSABLE_PASSWORD, now });
      } catch (err) {
        if (err instanceof UsernameTakenError) throw new AppError('USERNAME_TAKEN', `The username "${username}" is already taken.`);
        throw err;
      }
      const token = newToken();
      await auth.resetTokens.createResetToken({ tokenHash: hashToken(token), userId: user.id, now, expiresAt: now + expiresInMinutes * 60_000 });
      audit.record({ event: 'account.created', outcome: 'success', userId: user.id, username: user.username, ip: 'cli', detail: 'added by the admin' });
      await hooks.userCreated?.(user);
      return { user, token };
    },

    /** Signs the person out everywhere and keeps them out; their messages and memberships stay. */
    async deactivate(username: string): Promise<{ user: UserRecord; changed: boolean; sessionsEnded: number }> {
      const user = await existing(username);
      const { changed, sessionsEnded } = await accounts.deactivate(user.id, clock.now());
      hooks.sessionsEnded?.(user.id);
      if (changed) audit.record({ event: 'account.deactivated', outcome: 'success', userId: user.id, username: user.username, ip: 'cli', detail: `${sessionsEnded} sessions ended` });
      return { user, changed, sessionsEnded };
    },

    async reactivate(username: string): Promise<{ user: UserRecord; changed: boolean }> {
      const user = await existing(username);
      const changed = await accounts.reactivate(user.id);
      if (changed) audit.record({ event: 'account.reactivated', outcome: 'success', userId: user.id, username: user.username, ip: 'cli' });
      return { user, changed };
    },

    /** The person's own decision, confirmed with their password. Sessions end before messages go, so none is sent meanwhile. */
    async deleteAccount(session: AuthenticatedSession, input: { password: string; mode: DeletionMode }, ctx: RequestContext): Promise<{ messagesDeleted: number }> {
      const { user } = session;
      if (!(await hasher.verify(user.passwordHash, input.password))) {
        audit.record({ event: 'account.deleted', outcome: 'failure', userId: user.id, username: user.username, ip: ctx.ip, detail: 'wrong password' });
        throw new AppError('WRONG_PASSWORD', 'The password is wrong.');
      }
      await accounts.markDeleted(user.id, clock.now());
      hooks.sessionsEnded?.(user.id);
      const messagesDeleted = input.mode === 'hard' ? ((await hooks.deleteMessagesOf?.(user.id)) ?? 0) : 0;
      await hooks.accountDeleted?.(user.id);
      audit.record({
        event: 'account.deleted',
        outcome: 'success',
        userId: user.id,
        username: user.username,
        ip: ctx.ip,
        detail: input.mode === 'hard' ? `hard: ${messagesDeleted} messages deleted` : 'soft: messages kept',
      });
      return { messagesDeleted };
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
