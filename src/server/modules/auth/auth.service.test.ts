import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../../../../test/support/test-clock.js';
import { createMemoryAuditLog } from '../../audit/audit-log.js';
import { closeDatabase, openDatabase, type SqliteDatabase } from '../../storage/sqlite/database.js';
import { createSqliteAuthStores } from '../../storage/sqlite/auth-stores.js';
import { createWriteQueue } from '../../storage/sqlite/write-queue.js';
import { createAuthService } from './auth.service.js';
import { argon2Hasher } from './password-hasher.js';

let dir: string;
let db: SqliteDatabase;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-auth-'));
  db = openDatabase(path.join(dir, 'minimost.db'));
});
afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const ctx = { ip: '127.0.0.1', userAgent: 'test' };
const PASSWORD = 'Correct-Horse-42';

function service(clock = createTestClock()) {
  const audit = createMemoryAuditLog();
  const auth = createAuthService({
    stores: createSqliteAuthStores(db, createWriteQueue(db)),
    hasher: argon2Hasher,
    clock,
    audit,
    policy: { passwordMinLength: 12, maxFailures: 5, lockoutMs: 900_000, failureDelayMs: 3000, sessionIdleMs: 3_600_000 },
  });
  return { auth, audit, clock };
}

describe('password reset tokens', () => {
  it('expire after the given minutes', async () => {
    const { auth, clock } = service();
    await auth.signUp({ username: 'alice', password: PASSWORD, confirmPassword: PASSWORD }, ctx);
    const { token } = await auth.issueResetToken('ALICE', 60);
    clock.advance(60 * 60_000);
    await expect(auth.resetPassword({ token, password: 'Another-Secret-1', confirmPassword: 'Another-Secret-1' }, ctx)).rejects.toMatchObject({
      code: 'INVALID_RESET_TOKEN',
    });
  });

  it('are stored only as hashes', async () => {
    const { auth } = service();
    await auth.signUp({ username: 'alice', password: PASSWORD, confirmPassword: PASSWORD }, ctx);
    const { token } = await auth.issueResetToken('alice', 60);
    const rows = db.prepare('SELECT token_hash FROM password_reset_tokens').all() as { token_hash: Buffer }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash.toString('base64url')).not.toBe(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a weak new password does not spend the token', async () => {
    const { auth } = service();
    await auth.signUp({ username: 'alice', password: PASSWORD, confirmPassword: PASSWORD }, ctx);
    const { token } = await auth.issueResetToken('alice', 60);
    await expect(auth.resetPassword({ token, password: 'weak', confirmPassword: 'weak' }, ctx)).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
    await expect(auth.resetPassword({ token, password: 'Another-Secret-1', confirmPassword: 'Another-Secret-1' }, ctx)).resolves.toMatchObject({ username: 'alice' });
  });
});

describe('audit', () => {
  it('records failures with the source address and never the password', async () => {
    const { auth, audit } = service();
    await auth.signUp({ username: 'alice', password: PASSWORD, confirmPassword: PASSWORD }, ctx);
    await expect(auth.logIn({ username: 'alice', password: 'Wrong-Password-9' }, ctx)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(audit.entries.map((e) => e.event)).toEqual(['account.created', 'login.failed']);
    expect(JSON.stringify(audit.entries)).not.toContain('Wrong-Password-9');
    expect(audit.entries[1]).toMatchObject({ outcome: 'failure', ip: '127.0.0.1', username: 'alice' });
  });
});
