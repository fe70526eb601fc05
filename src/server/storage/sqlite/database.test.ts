import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, DatabaseOpenError, openDatabase } from './database.js';
import { MigrationError } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('creates a private file in WAL mode with foreign keys and full sync, at the latest schema', () => {
    const file = path.join(dir, 'minimost.db');
    const db = openDatabase(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    closeDatabase(db);
    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    closeDatabase(again);
  });

  it('refuses a database from a newer MiniMost with a clear message', () => {
    const file = path.join(dir, 'minimost.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer than this MiniMost knows/);
  });

  it('refuses a file that is not a database, saying so', () => {
    const file = path.join(dir, 'minimost.db');
    writeFileSync(file, 'garbage '.repeat(1000));
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
    expect(() => openDatabase(file)).toThrow(`${file} is not a SQLite database; point --data-dir at a MiniMost data folder or restore a backup`);
  });

  it('names the step that failed when a migration cannot apply, and leaves the database at the version before it', () => {
    const file = path.join(dir, 'minimost.db');
    const raw = new Database(file);
    raw.exec(MIGRATIONS[0] as string);
    raw.pragma('user_version = 1');
    // Part of version 2 made outside any transaction, as only a hand edit or another tool could.
    raw.exec('CREATE TABLE conversations (id INTEGER PRIMARY KEY)');
    raw.close();
    expect(() => openDatabase(file)).toThrow(MigrationError);
    expect(() => openDatabase(file)).toThrow(/^could not upgrade the database from schema version 1 to 2 \(table conversations already exists\); it stays at version 1\./);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    after.close();
  });
});
