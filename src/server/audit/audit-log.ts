import { appendFileSync, chmodSync, existsSync } from 'node:fs';

export type AuditEvent =
  | 'account.created'
  | 'login.succeeded'
  | 'login.failed'
  | 'login.locked'
  | 'logout'
  | 'password.changed'
  | 'password.reset.requested'
  | 'password.reset'
  | 'account.deactivated'
  | 'account.reactivated'
  | 'account.deleted';

export interface AuditEntry {
  event: AuditEvent;
  outcome: 'success' | 'failure';
  userId?: number | null;
  username?: string;
  ip?: string;
  detail?: string;
}

export interface AuditLog {
  record(entry: AuditEntry): void;
}

/**
 * JSON lines appended to audit.log. Written synchronously: security events are rare, and an entry that is lost in
 * a crash is exactly the one an admin would want.
 */
export function createFileAuditLog(file: string, now: () => number = Date.now): AuditLog {
  return {
    record(entry) {
      const fresh = !existsSync(file);
      appendFileSync(file, `${JSON.stringify({ time: new Date(now()).toISOString(), ...entry })}\n`, { mode: 0o600 });
      if (fresh) chmodSync(file, 0o600);
    },
  };
}

export function createMemoryAuditLog(): AuditLog & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return { entries, record: (entry) => entries.push(entry) };
}
