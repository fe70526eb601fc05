import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatUser, newClientId } from '../support/chat-user.js';
import { runCli } from '../support/cli.js';
import { assertInvariants } from '../support/invariants.js';
import { fillDisk } from './support/fill-disk.js';
import { printTable } from './support/report.js';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';

// The data folder on a real, small file system (a 4 MiB tmpfs; we run as root) that fills up, then becomes
// read-only. Sends must fail with a clear 503 — not a crash, not a 500 with a stack — nothing may be corrupted,
// and service comes back by itself once there is room again. Without permission to mount, this file is skipped:
// test/integration/security/storage-failures.test.ts injects the same failure (SQLITE_READONLY) in-process.

const root = mkdtempSync(path.join(os.tmpdir(), 'minimost-diskfull-'));
const mountPoint = path.join(root, 'mnt');
const dataDir = path.join(mountPoint, 'data');
const ENV = { MINIMOST_MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000' };
let mounted = false;
let server: ServerProcess | undefined;

function mount(options: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mountPoint], { stdio: 'pipe' });
}

beforeAll(() => {
  mkdirSync(mountPoint);
  try {
    mount('size=4m,mode=0700');
    mounted = true;
  } catch (err) {
    console.log(`disk-full: cannot mount a tmpfs here (${(err as Error).message.split('\n')[0]}); skipped`);
  }
});
afterAll(async () => {
  if (server && server.child.exitCode === null) await server.kill9();
  if (mounted) {
    try {
      execFileSync('umount', [mountPoint], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
    }
  }
  rmSync(root, { recursive: true, force: true });
});

describe('a data folder on a disk that fills up', () => {
  it('refuses sends with a clear 503, loses nothing, and recovers when space returns', async (context) => {
    if (!mounted) context.skip();
    const port = await freePort();
    server = await startServerProcess(dataDir, port, ENV);
    const [alice, bob] = [await ChatUser.signUp(server.url, 'alice'), await ChatUser.signUp(server.url, 'bob')];
    const general = await alice.channel('general');
    const acked = new Map<string, number>();
    const send = async (text: string) => {
      const clientId = newClientId();
      const response = await alice.sendRequest(general.id, text, { clientId });
      const body = (await response.json()) as { message?: { id: number }; error?: { code: string; message: string } };
      if (response.status === 201 && body.message) acked.set(clientId, body.message.id);
      return { status: response.status, body };
    };
    for (let i = 0; i < 20; i++) expect((await send(`before ${i}`)).status).toBe(201);

    const filler = path.join(mountPoint, 'filler');
    const filled = fillDisk(filler);
    const statuses = new Map<number, number>();
    let refusal: { code: string; message: string } | undefined;
    // Each send needs new pages sooner or later; the WAL may still have room for a few.
    for (let i = 0; i < 300 && (statuses.get(503) ?? 0) < 5; i++) {
      const { status, body } = await send(`while full ${i} ${'x'.repeat(2_000)}`);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status !== 201) refusal ??= body.error;
    }
    const whileFull = { alive: server.child.exitCode === null, history: (await bob.http.get(`/api/conversations/${general.id}/messages`)).status, health: (await fetch(`${server.url}/healthz`)).status };

    rmSync(filler);
    let recoveredAfter = 0;
    for (let i = 1; i <= 5 && recoveredAfter === 0; i++) if ((await send(`space is back ${i}`)).status === 201) recoveredAfter = i;

    printTable('disk full: sends while the disk was full', [
      { 'bytes taken by the filler': filled, 'answers (status×n)': [...statuses].map(([s, n]) => `${s}×${n}`).join(' '), 'first refusal': refusal ? `${refusal.code}: ${refusal.message}` : '-' },
    ]);
    printTable('disk full: what held', [
      { check: 'server process still running', value: whileFull.alive },
      { check: 'history readable while full (status)', value: whileFull.history },
      { check: '/healthz while full (status)', value: whileFull.health },
      { check: 'sends needed to succeed once space returned', value: recoveredAfter },
      { check: 'acknowledged sends', value: acked.size },
    ]);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(statuses.get(503)).toBeGreaterThan(0);
    expect(refusal).toEqual({ code: 'UNAVAILABLE', message: 'The server cannot save right now (disk full or read-only). Try again in a moment; if it keeps happening, tell your admin.' });
    expect(whileFull).toEqual({ alive: true, history: 200, health: 200 });
    expect(recoveredAfter).toBeGreaterThan(0);

    expect(await server.stop()).toBe(0);
    const db = new Database(path.join(dataDir, 'minimost.db'), { readonly: true });
    try {
      const stored = new Map((db.prepare('SELECT client_id, id FROM messages WHERE client_id IS NOT NULL').all() as { client_id: string; id: number }[]).map((r) => [r.client_id, r.id]));
      expect([...acked].filter(([clientId, id]) => stored.get(clientId) !== id)).toEqual([]);
      assertInvariants(db);
    } finally {
      db.close();
    }
  });

  it('refuses to start on a read-only data folder with one clear line, and starts once it is writable', async (context) => {
    if (!mounted) context.skip();
    execFileSync('mount', ['-o', 'remount,ro', mountPoint], { stdio: 'pipe' });
    let result;
    try {
      result = await runCli(['--data-dir', dataDir, '--http', '--host', '127.0.0.1', '--port', '0', '--no-stun']);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint], { stdio: 'pipe' });
    }
    printTable('read-only data folder at start', [{ 'exit code': result.code ?? 'none', stderr: result.stderr.trim() }]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(/^minimost: cannot open .*minimost\.db for writing \(.*\): the data folder must be writable by this user, on a disk that is neither full nor read-only$/);

    server = await startServerProcess(dataDir, await freePort(), ENV);
    const alice = await ChatUser.logIn(server.url, 'alice');
    const general = await alice.channel('general');
    expect((await alice.history(general.id)).messages.some((m) => m.text?.startsWith('space is back'))).toBe(true);
    expect(await server.stop()).toBe(0);
  });
});
