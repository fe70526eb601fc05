import { createSocket, type Socket } from 'node:dgram';
import { chmodSync, copyFileSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureTlsMaterial } from '../../../src/server/tls/index.js';
import { startCliServer } from '../../support/cli.js';
import { admin, expectExit } from './support.js';

let dataDir: string;
let stunPort: number;
beforeEach(async () => {
  dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'minimost-doctor-')), 'data');
  stunPort = await freeUdpPort();
  const server = await startCliServer(serverArgs());
  await server.stop();
});
afterEach(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

const serverArgs = () => ['--data-dir', dataDir, '--host', '127.0.0.1', '--port', '0', '--stun-port', String(stunPort)];
const doctor = () => admin(dataDir, 'doctor', '--host', '127.0.0.1', '--stun-port', String(stunPort));

function bindUdp(port = 0): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });
}

async function freeUdpPort(): Promise<number> {
  const socket = await bindUdp();
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** The report's line for a subject, with its fix when it has one. */
function line(stdout: string, subject: string): string {
  const lines = stdout.split('\n');
  // "  FAIL  subject  detail": the subject starts after the status column.
  const at = lines.findIndex((l) => /^ {2}(ok {2}|WARN|FAIL) {2}/.test(l) && l.slice(8).startsWith(`${subject} `));
  if (at === -1) throw new Error(`no "${subject}" line in:\n${stdout}`);
  const next = lines[at + 1] ?? '';
  return /^\s+fix: /.test(next) ? `${lines[at]}\n${next}` : (lines[at] as string);
}

describe('minimost doctor', () => {
  it('passes a healthy data folder, stopped or running', async () => {
    const stopped = expectExit(await doctor(), 0);
    expect(stopped.stdout).toMatch(/^MiniMost doctor: /);
    for (const subject of ['data folder', 'permissions', 'settings', 'database', 'write-ahead log', 'disk space', 'server certificate', 'CA certificate']) {
      expect(line(stopped.stdout, subject)).toMatch(/^ {2}ok /);
    }
    expect(line(stopped.stdout, 'database')).toMatch(/integrity_check ok, schema version \d+/);
    expect(line(stopped.stdout, 'server certificate')).toMatch(/valid until .* \(\d+ days\)/);
    expect(line(stopped.stdout, 'STUN port')).toContain(`UDP ${stunPort} is free (MiniMost is not running)`);
    expect(stopped.stdout).toMatch(/\nNo problems found\.\n$/);

    const server = await startCliServer(serverArgs());
    try {
      const running = expectExit(await doctor(), 0);
      expect(line(running.stdout, 'STUN port')).toContain(`UDP ${stunPort} is in use by MiniMost (it is running)`);
    } finally {
      await server.stop();
    }
  });

  it('detects a data folder and a settings file others can read, and says how to fix them', async () => {
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, 'settings.json'), 0o644);
    const result = expectExit(await doctor(), 1);
    expect(line(result.stdout, 'data folder')).toBe(`  FAIL  data folder         ${dataDir} is open to other users (mode 0755)\n                            fix: chmod 700 ${dataDir} (MiniMost also tightens it at start)`);
    expect(line(result.stdout, 'permissions')).toMatch(/FAIL +permissions +\S+settings\.json is readable by other users \(mode 0644\)\n +fix: chmod 600 \S+settings\.json$/);
    expect(result.stdout).toMatch(/\n2 problems found\.\n$/);
  });

  it('detects a corrupted settings file', async () => {
    writeFileSync(path.join(dataDir, 'settings.json'), '{ "port": 8443, oops');
    const result = expectExit(await doctor(), 1);
    expect(line(result.stdout, 'settings')).toMatch(/FAIL +settings +\S+settings\.json is not valid JSON: .*\n +fix: correct it in \S+settings\.json \(minimost --help lists every setting and its values\)/);
    writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ port: 'eighty' }));
    expect(line(expectExit(await doctor(), 1).stdout, 'settings')).toContain('invalid "port" in settings.json: expected a whole number from 0 to 65535, got "eighty"');
  });

  it('detects an expired certificate, a damaged database and a STUN port taken by another program', async () => {
    const old = path.join(path.dirname(dataDir), 'old-tls');
    await ensureTlsMaterial({ dir: old, hostnames: [], ipAddresses: [], now: () => new Date(Date.now() - 500 * 86_400_000) });
    copyFileSync(path.join(old, 'server.pem'), path.join(dataDir, 'tls', 'server.pem'));
    const db = path.join(dataDir, 'minimost.db');
    const fd = openSync(db, 'r+');
    // Every page after the first (the header and schema) overwritten: tables and indexes are garbage.
    writeSync(fd, Buffer.alloc(statSync(db).size - 4096, 0xa5), 0, statSync(db).size - 4096, 4096);
    closeSync(fd);
    const squatter = await bindUdp(stunPort);
    try {
      const result = expectExit(await doctor(), 1);
      expect(line(result.stdout, 'server certificate')).toMatch(/FAIL +server certificate +\S+server\.pem expired on .*\n +fix: restart MiniMost: it issues a new server certificate/);
      expect(line(result.stdout, 'database')).toMatch(/FAIL +database +.*\n +fix: stop MiniMost and restore the latest backup/);
      const stun = line(result.stdout, 'STUN port');
      expect(stun).toMatch(/^ {2}FAIL {2}STUN port +UDP \d+ is used by another program\n +fix: stop that program/);
      expect(stun).toContain(`UDP ${stunPort} `);
    } finally {
      squatter.close();
    }
  });

  it('says so when the data folder does not exist', async () => {
    const result = expectExit(await admin(path.join(dataDir, 'nope'), 'doctor'), 1);
    expect(result.stdout).toContain('does not exist');
    expect(result.stdout).toContain('fix: start MiniMost once to create it, or pass the --data-dir the server uses');
  });
});
