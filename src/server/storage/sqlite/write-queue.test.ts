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

  it('fails every write of a batch whose commit fails, and keeps working afterwards', async () => {
    const queue = createWriteQueue(db);
    db.pragma('query_only = ON');
    const failed = await Promise.allSettled([queue.run(insert(1)), queue.run(insert(2))]);
    expect(failed.every((r) => r.status === 'rejected')).toBe(true);
    db.pragma('query_only = OFF');
    await queue.run(insert(5));
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 5 }]);
  });
});
