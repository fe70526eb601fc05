import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/server/storage/sqlite/migrations/index.js';
import { ChatUser } from '../support/chat-user.js';
import { runCli } from '../support/cli.js';
import { assertInvariants } from '../support/invariants.js';
import { printTable } from './support/report.js';
import { freePort, startServerProcess } from './support/server-process.js';

// Starting on what a crash or a careless hand leaves behind. Migrations run each in one transaction with the schema
// version set inside it, so a start killed half-way through one leaves uncommitted pages in the WAL that SQLite
// discards: the database is still the previous version and the next start simply applies it again. Committed
// writes a killed server had not checkpointed are in the WAL too, and must all come back. What a transaction cannot
// produce — half a migration made outside one, a newer schema, a file that is not a database — is refused with
// one line and exit code 1, the database left as it was.

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const root = mkdtempSync(path.join(os.tmpdir(), 'minimost-startup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const outcomes: Record<string, string | number>[] = [];
afterAll(() => printTable('startup on a damaged data folder', outcomes));

let folders = 0;
function freshFolder(): string {
  const dir = path.join(root, `data-${++folders}`);
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}

const serveArgs = (dir: string) => ['--data-dir', dir, '--http', '--host', '127.0.0.1', '--port', '0', '--no-stun'];

/** A database at schema version 1 with one account, as the first MiniMost release left it. */
function versionOneDatabase(dir: string): string {
  const file = path.join(dir, 'minimost.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(MIGRATIONS[0] as string);
  db.pragma('user_version = 1');
  db.prepare("INSERT INTO users (username, username_key, password_hash, created_at, password_changed_at) VALUES ('veteran', 'veteran', 'x', 0, 0)").run();
  db.close();
  return file;
}

/**
 * Runs a script in its own process, waits for it to print "ready", then SIGKILLs it: whatever it had open stays as
 * a killed process leaves it (WAL, shared-memory file, uncommitted frames).
 */
function killWhenReady(script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`script never got ready:\n${output}`));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`script exited by itself:\n${output}`));
    });
  });
}

function walBytes(dir: string): number {
  const wal = path.join(dir, 'minimost.db-wal');
  return existsSync(wal) ? statSync(wal).size : 0;
}

/** The server must start on this folder, at the latest schema, and work. */
async function expectRecovery(dir: string): Promise<{ stop: () => Promise<number | null>; url: string }> {
  const server = await startServerProcess(dir, await freePort());
  const db = new Database(path.join(dir, 'minimost.db'), { readonly: true });
  try {
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  } finally {
    db.close();
  }
  return { stop: () => server.stop(), url: server.url };
}

async function expectRefusal(dir: string, message: RegExp): Promise<string> {
  const result = await runCli(serveArgs(dir));
  const line = result.stderr.trim();
  expect(result.code).toBe(1);
  expect(line.split('\n')).toHaveLength(1);
  expect(line).toMatch(message);
  return line;
}

describe('starting on a data folder left by a crash or by hand', () => {
  it('a start killed in the middle of a migration: the uncommitted pages in the WAL are discarded and the next start upgrades', async () => {
    const dir = freshFolder();
    const file = versionOneDatabase(dir);
    // The version-2 migration, inside its transaction as MiniMost runs it, with a page cache so small that its
    // pages spill into the WAL before the commit that never comes.
    await killWhenReady(`
      import Database from 'better-sqlite3';
      import { MIGRATIONS } from './dist/server/storage/sqlite/migrations/index.js';
      const db = new Database(${JSON.stringify(file)});
      db.pragma('journal_mode = WAL');
      db.pragma('cache_size = 1');
      db.exec('BEGIN');
      db.exec(MIGRATIONS[1]);
      const insert = db.prepare("INSERT INTO conversations (kind, name, created_at) VALUES ('public', ?, 0)");
      for (let i = 0; i < 2000; i++) insert.run('half-' + i);
      db.pragma('user_version = 2');
      console.log('ready');
      setInterval(() => {}, 1000);
    `);
    const leftover = walBytes(dir);
    expect(leftover).toBeGreaterThan(0);
    const server = await expectRecovery(dir);
    const health = (await fetch(`${server.url}/healthz`)).status;
    expect(await server.stop()).toBe(0);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM conversations WHERE name LIKE 'half-%'").get()).toEqual({ n: 0 });
      expect(db.prepare("SELECT username FROM users WHERE username = 'veteran'").get()).toEqual({ username: 'veteran' });
      assertInvariants(db);
    } finally {
      db.close();
    }
    outcomes.push({ case: 'killed mid-migration (uncommitted frames in a stale WAL)', 'WAL left (bytes)': leftover, outcome: `recovered: upgraded 1 → ${MIGRATIONS.length}, healthz ${health}` });
  });

  it('a server killed before its WAL was checkpointed: every committed message comes back', async () => {
    const dir = freshFolder();
    const port = await freePort();
    const server = await startServerProcess(dir, port);
    const alice = await ChatUser.signUp(server.url, 'alice');
    const general = await alice.channel('general');
    const sent: number[] = [];
    for (let i = 0; i < 50; i++) sent.push((await alice.send(general.id, `committed ${i}`)).id);
    await server.kill9();
    const leftover = walBytes(dir);
    expect(leftover).toBeGreaterThan(0);
    const again = await startServerProcess(dir, port);
    const back = await ChatUser.logIn(again.url, 'alice');
    const ids = (await back.history(general.id, '?limit=200')).messages.map((m) => m.id);
    expect(sent.filter((id) => !ids.includes(id))).toEqual([]);
    expect(await again.stop()).toBe(0);
    outcomes.push({ case: 'killed with committed writes only in the WAL', 'WAL left (bytes)': leftover, outcome: `recovered: ${sent.length}/${sent.length} messages back` });
  });

  it('half of a migration made outside a transaction (by hand or another tool): refused, database untouched', async () => {
    const dir = freshFolder();
    const file = versionOneDatabase(dir);
    const db = new Database(file);
    db.exec('CREATE TABLE conversations (id INTEGER PRIMARY KEY, kind TEXT)');
    db.close();
    const line = await expectRefusal(dir, /^minimost: could not upgrade the database from schema version 1 to 2 \(table conversations already exists\); it stays at version 1\. If it was edited by hand or by another tool, restore a backup$/);
    const after = new Database(file, { readonly: true });
    try {
      expect(after.pragma('user_version', { simple: true })).toBe(1);
      expect(after.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 1 });
    } finally {
      after.close();
    }
    outcomes.push({ case: 'version-2 tables half made outside a transaction', 'WAL left (bytes)': walBytes(dir), outcome: `refused (exit 1): ${line}` });
  });

  it('a database from a newer MiniMost: refused', async () => {
    const dir = freshFolder();
    const file = versionOneDatabase(dir);
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 7}`);
    db.close();
    const line = await expectRefusal(dir, /newer than this MiniMost knows/);
    outcomes.push({ case: 'schema newer than this MiniMost', 'WAL left (bytes)': walBytes(dir), outcome: `refused (exit 1): ${line}` });
  });

  it('a file that is not a database: refused', async () => {
    const dir = freshFolder();
    writeFileSync(path.join(dir, 'minimost.db'), 'this is not SQLite\n'.repeat(500), { mode: 0o600 });
    const line = await expectRefusal(dir, /is not a SQLite database; point --data-dir at a MiniMost data folder or restore a backup$/);
    outcomes.push({ case: 'minimost.db is not a database', 'WAL left (bytes)': 0, outcome: `refused (exit 1): ${line}` });
  });
});
