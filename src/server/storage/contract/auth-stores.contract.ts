import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UsernameTakenError, type AuthStores } from '../../modules/auth/auth.store.js';

/** Behaviour every storage adapter's auth stores must have. Each test gets fresh, empty stores. */
export function describeAuthStoreContract(name: string, makeStores: () => Promise<{ stores: AuthStores; dispose(): Promise<void> }>): void {
  const withStores = (fn: (stores: AuthStores) => Promise<void>) => async () => {
    const { stores, dispose } = await makeStores();
    try {
      await fn(stores);
    } finally {
      await dispose();
    }
  };
  const user = (stores: AuthStores, username = 'Alice') =>
    stores.users.createUser({ username, usernameKey: username.toLowerCase(), passwordHash: 'h', now: 1000 });

  describe(`${name}: auth stores contract`, () => {
    it('creates users with increasing ids and finds them by id and key', withStores(async (stores) => {
      const a = await user(stores, 'Alice');
      const b = await user(stores, 'Bob');
      expect(b.id).toBeGreaterThan(a.id);
      expect(a).toMatchObject({ username: 'Alice', usernameKey: 'alice', createdAt: 1000, passwordChangedAt: 1000, deactivatedAt: null });
      expect(await stores.users.findUserById(a.id)).toEqual(a);
      expect(await stores.users.findUserByKey('bob')).toEqual(b);
      expect(await stores.users.findUserByKey('carol')).toBeNull();
      expect(await stores.users.findUserById(9999)).toBeNull();
    }));

    it('refuses a taken key with UsernameTakenError', withStores(async (stores) => {
      await user(stores, 'Alice');
      await expect(user(stores, 'alice')).rejects.toBeInstanceOf(UsernameTakenError);
    }));

    it('changes a password hash', withStores(async (stores) => {
      const a = await user(stores);
      await stores.users.setPasswordHash(a.id, 'h2', 2000);
      expect(await stores.users.findUserById(a.id)).toMatchObject({ passwordHash: 'h2', passwordChangedAt: 2000 });
    }));

    it('keeps sessions by token hash, touches, deletes one, all but one, and idle ones', withStores(async (stores) => {
      const a = await user(stores);
      const [s1, s2, s3] = [randomBytes(32), randomBytes(32), randomBytes(32)];
      for (const [i, s] of [s1, s2, s3].entries()) await stores.sessions.createSession({ tokenHash: s, userId: a.id, now: 1000 + i, ip: '::1', userAgent: 'test' });
      expect(await stores.sessions.findSession(s1)).toEqual({ userId: a.id, createdAt: 1000, lastSeenAt: 1000 });
      await stores.sessions.touchSession(s1, 5000);
      expect((await stores.sessions.findSession(s1))?.lastSeenAt).toBe(5000);
      await stores.sessions.deleteSession(s2);
      expect(await stores.sessions.findSession(s2)).toBeNull();
      expect(await stores.sessions.deleteUserSessions(a.id, s1)).toBe(1);
      expect(await stores.sessions.findSession(s1)).not.toBeNull();
      expect(await stores.sessions.deleteSessionsIdleSince(4000)).toBe(0);
      expect(await stores.sessions.deleteSessionsIdleSince(6000)).toBe(1);
      expect(await stores.sessions.findSession(s1)).toBeNull();
    }));

    it('finds a session together with its user in one lookup', withStores(async (stores) => {
      const a = await user(stores, 'Alice');
      const b = await user(stores, 'Bob');
      const [s1, s2] = [randomBytes(32), randomBytes(32)];
      await stores.sessions.createSession({ tokenHash: s1, userId: a.id, now: 1000, ip: '::1', userAgent: 'test' });
      await stores.sessions.createSession({ tokenHash: s2, userId: b.id, now: 2000, ip: '::1', userAgent: 'test' });
      await stores.sessions.touchSession(s1, 3000);
      expect(await stores.sessions.findSessionWithUser(s1)).toEqual({
        session: { userId: a.id, createdAt: 1000, lastSeenAt: 3000 },
        user: await stores.users.findUserById(a.id),
      });
      expect(await stores.sessions.findSessionWithUser(s2)).toEqual({
        session: { userId: b.id, createdAt: 2000, lastSeenAt: 2000 },
        user: b,
      });
      await stores.users.setPasswordHash(b.id, 'h2', 4000);
      expect((await stores.sessions.findSessionWithUser(s2))?.user).toMatchObject({ passwordHash: 'h2', passwordChangedAt: 4000 });
      expect(await stores.sessions.findSessionWithUser(randomBytes(32))).toBeNull();
      await stores.sessions.deleteSession(s1);
      expect(await stores.sessions.findSessionWithUser(s1)).toBeNull();
    }));

    it('counts failures, locks at the limit, restarts the count after a lock ran out, and clears', withStores(async (stores) => {
      const opts = (now: number) => ({ now, maxFailures: 3, lockMs: 100 });
      expect(await stores.throttle.getThrottle('alice')).toEqual({ failures: 0, lockedUntil: null });
      expect(await stores.throttle.recordFailure('alice', opts(0))).toEqual({ failures: 1, lockedUntil: null });
      expect(await stores.throttle.recordFailure('alice', opts(1))).toEqual({ failures: 2, lockedUntil: null });
      expect(await stores.throttle.recordFailure('alice', opts(2))).toEqual({ failures: 3, lockedUntil: 102 });
      expect(await stores.throttle.getThrottle('alice')).toEqual({ failures: 3, lockedUntil: 102 });
      expect(await stores.throttle.recordFailure('alice', opts(200))).toEqual({ failures: 1, lockedUntil: null });
      await stores.throttle.clearThrottle('alice');
      expect(await stores.throttle.getThrottle('alice')).toEqual({ failures: 0, lockedUntil: null });
      expect(await stores.throttle.recordFailure('bob', { now: 0, maxFailures: 1, lockMs: 5 })).toEqual({ failures: 1, lockedUntil: 5 });
    }));

    it('consumes a reset token once, and never after it expired', withStores(async (stores) => {
      const a = await user(stores);
      const [t1, t2] = [randomBytes(32), randomBytes(32)];
      await stores.resetTokens.createResetToken({ tokenHash: t1, userId: a.id, now: 0, expiresAt: 100 });
      await stores.resetTokens.createResetToken({ tokenHash: t2, userId: a.id, now: 0, expiresAt: 100 });
      expect(await stores.resetTokens.consumeResetToken(t1, 50)).toBe(a.id);
      expect(await stores.resetTokens.consumeResetToken(t1, 51)).toBeNull();
      expect(await stores.resetTokens.consumeResetToken(t2, 100)).toBeNull();
      expect(await stores.resetTokens.consumeResetToken(randomBytes(32), 0)).toBeNull();
    }));
  });
}
