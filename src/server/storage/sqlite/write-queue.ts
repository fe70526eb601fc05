import type { SqliteDatabase } from './database.js';

interface Job {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface WriteQueue {
  /** Runs `fn` inside the next group commit and resolves once that commit is on disk. */
  run<T>(fn: () => T): Promise<T>;
}

/**
 * Group commit: writes that arrive while the event loop is busy are applied in one transaction, so many
 * concurrent sends cost one fsync instead of one each. Each write runs in its own savepoint, so one that fails
 * rolls back alone and the others still commit. A write is reported done only after the commit returned.
 */
export function createWriteQueue(db: SqliteDatabase): WriteQueue {
  let pending: Job[] = [];

  function flush(): void {
    const jobs = pending;
    pending = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      // IMMEDIATE: take the write lock at BEGIN, where SQLite waits for another process's writer (busy_timeout).
      // A deferred transaction that reads first would fail at once with SQLITE_BUSY when the admin CLI had
      // committed in between (its snapshot would be stale), instead of waiting.
      db.transaction(() => {
        for (const job of jobs) {
          try {
            outcomes.push({ ok: true, value: db.transaction(job.fn)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      // The commit itself failed (disk full, read-only folder): nothing of this batch was stored.
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    });
  }

  return {
    run<T>(fn: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        pending.push({ fn, resolve: resolve as (value: unknown) => void, reject });
        if (pending.length === 1) setImmediate(flush);
      });
    },
  };
}
