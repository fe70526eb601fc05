import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type SqliteDatabase } from './database.js';
import { createWriteQueue } from './write-queue.js';

let dir: string;
let db: SqliteDatabase;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-queue-'));
  db = openDatabase(path.join(dir, 'minimost.db'));
  db.exec('CREATE TABLE t (v INTEGER NOT NULL UNIQUE)');
});
afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const insert = (v: number) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v).changes;

describe('write queue (group commit)', () => {
  it('commits writes that arrive together in one transaction', async () => {
    const queue = createWriteQueue(db);
    // A second connection sees only committed data: if the batch shares one transaction, the last write of the
    // batch still sees none of the earlier ones from outside.
    const outside = new Database(path.join(dir, 'minimost.db'), { readonly: true });
    let seenFromOutside = -1;
    const writes = Array.from({ length: 100 }, (_, i) =>
      queue.run(() => {
        if (i === 99) seenFromOutside = (outside.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
        return insert(i)();
      }),
    );
    expect(await Promise.all(writes)).toEqual(Array(100).fill(1));
    expect(seenFromOutside).toBe(0);
    expect((outside.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(100);
    outside.close();
  });

  it('rolls back only the write that failed', async () => {
    const queue = createWriteQueue(db);
    const results = await Promise.allSettled([
      queue.run(insert(1)),
      queue.run(() => {
        insert(2)();
        insert(1)(); // duplicate: this whole write must vanish, including its first insert
      }),
      queue.run(insert(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT v FROM t ORDER BY v').all()).toEqual([{ v: 1 }, { v: 3 }]);
  });

  it('rolls back only the replayable write that failed, running the others as if it had never been tried', async () => {
    const queue = createWriteQueue(db);
    const runs: number[] = [];
    const write = (v: number, extra?: number) => () => {
      runs.push(v);
      insert(v)();
      if (extra !== undefined) insert(extra)(); // 1 is taken: this whole write must vanish, its first insert too
      return (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
    };
    const results = await Promise.allSettled([
      queue.run(write(1), { replayable: true }),
      queue.run(write(2, 1), { replayable: true }),
      queue.run(write(3), { replayable: true }),
    ]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }) },
      { status: 'fulfilled', value: 2 },
    ]);
    expect(db.prepare('SELECT v FROM t ORDER BY v').all()).toEqual([{ v: 1 }, { v: 3 }]);
    // Tried together first, then once more each on its own.
    expect(runs).toEqual([1, 2, 1, 2, 3]);
  });

  it('commits a batch of replayable writes in one transaction, mixed with others', async () => {
    const queue = createWriteQueue(db);
    const outside = new Database(path.join(dir, 'minimost.db'), { readonly: true });
    const count = () => (outside.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
    let seenFromOutside = -1;
    const together = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        queue.run(() => {
          if (i === 9) seenFromOutside = count();
          return insert(i)();
        }, { replayable: true }),
      ),
    );
    expect(together).toEqual(Array(10).fill(1));
    expect(seenFromOutside).toBe(0);
    const mixed = await Promise.all([queue.run(insert(10), { replayable: true }), queue.run(insert(11)), queue.run(insert(12), { replayable: true })]);
    expect(mixed).toEqual([1, 1, 1]);
    expect(count()).toBe(13);
    outside.close();
  });

  it('fails every write of a batch whose commit fails, and keeps working afterwards', async () => {
    const queue = createWriteQueue(db);
    db.pragma('query_only = ON');
    const failed = await Promise.allSettled([queue.run(insert(1)), queue.run(insert(2))]);
    expect(failed.every((r) => r.status === 'rejected')).toBe(true);
    db.pragma('query_only = OFF');
    await queue.run(insert(5));
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 5 }]);
  });

  it('stores nothing of a batch when SQLite abandons its transaction, instead of committing the writes after it alone', async () => {
    const queue = createWriteQueue(db);
    // A disk-full or I/O error can make SQLite roll back the whole transaction, not only the failing statement;
    // a ROLLBACK from inside a write does the same thing on purpose.
    const results = await Promise.allSettled([
      queue.run(insert(1)),
      queue.run(() => {
        db.exec('ROLLBACK');
        throw new Error('the transaction is gone');
      }),
      queue.run(insert(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(db.prepare('SELECT v FROM t').all()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    await queue.run(insert(4));
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 4 }]);
  });
  it('runs its hooks in each batch\'s transaction, around every write of it, whichever way the batch runs', async () => {
    const seen: string[] = [];
    const count = () => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
    const queue = createWriteQueue(db, [
      {
        begin: () => seen.push(`begin ${db.inTransaction} ${count()}`),
        end: () => seen.push(`end ${db.inTransaction} ${count()}`),
      },
    ]);
    await Promise.all([queue.run(insert(1), { replayable: true }), queue.run(insert(2), { replayable: true })]);
    await Promise.allSettled([queue.run(insert(3)), queue.run(insert(1)), queue.run(insert(4))]);
    expect(seen).toEqual(['begin true 0', 'end true 2', 'begin true 2', 'end true 4']);
  });

  it('stores nothing of a batch whose end hook fails', async () => {
    const queue = createWriteQueue(db, [
      {
        begin: () => undefined,
        end: () => {
          insert(100)();
          if ((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n > 2) throw new Error('hook failed');
        },
      },
    ]);
    const results = await Promise.allSettled([queue.run(insert(1), { replayable: true }), queue.run(insert(2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(db.prepare('SELECT v FROM t').all()).toEqual([]);
  });
});
