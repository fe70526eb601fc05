import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SETTINGS, flagName } from '../../src/server/config/index.js';
import { ensureTlsMaterial } from '../../src/server/tls/index.js';
import { runCli, startCliServer } from '../support/cli.js';
import { HttpClient, STRONG_PASSWORD, errorOf } from '../support/http-client.js';

let dataDir: string;
beforeEach(() => {
  dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'minimost-cli-')), 'data');
});
afterEach(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

const HTTP_ARGS = () => ['--data-dir', dataDir, '--http', '--host', '127.0.0.1', '--port', '0', '--no-stun'];

function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('minimost --help', () => {
  it('lists every flag and subcommand', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const spec of SETTINGS) expect(result.stdout).toContain(`--${flagName(spec.key)}`);
    for (const text of ['--data-dir', '--no-stun', '--http', 'serve', 'reset-password <user>']) expect(result.stdout).toContain(text);
  });
});

describe('configuration errors fail fast with one clear line and exit 2', () => {
  it.each([
    [['--port', 'abc'], /^minimost: invalid --port: expected a whole number from 0 to 65535, got "abc"$/],
    [['--port', '70000'], /invalid --port/],
    [['--stun-port=-1'], /invalid --stun-port/],
    [['--bogus'], /^minimost: unknown option --bogus/],
    [['--tls-cert', 'x.pem'], /expected both or neither/],
    [['--password-min-length', '4'], /invalid --password-min-length: expected a whole number from 8 to 1024/],
    [['--host', 'bad host!'], /invalid --host/],
    [['--channels', 'Bad Name'], /invalid --channels/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j', async (args, message) => {
    const result = await runCli(['--data-dir', dataDir, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
  });

  it('names the bad key in settings.json and in the environment', async () => {
    await runCli(['--help']);
    const first = await startCliServer(HTTP_ARGS());
    await first.stop();
    const file = path.join(dataDir, 'settings.json');
    const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...settings, login_max_failures: 'five' }));
    let result = await runCli(HTTP_ARGS());
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('minimost: invalid "login_max_failures" in settings.json: expected a whole number from 1 to 1000, got "five"');
    writeFileSync(file, JSON.stringify({ ...settings, prot: 1 }));
    result = await runCli(HTTP_ARGS());
    expect(result.stderr.trim()).toBe('minimost: unknown setting "prot" in settings.json (see minimost --help)');
    writeFileSync(file, '{ not json');
    result = await runCli(HTTP_ARGS());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/settings.json is not valid JSON/);
    writeFileSync(file, JSON.stringify(settings));
    result = await runCli(HTTP_ARGS(), { MINIMOST_SESSION_IDLE_MINUTES: 'forever' });
    expect(result.stderr.trim()).toMatch(/^minimost: invalid MINIMOST_SESSION_IDLE_MINUTES: expected a whole number/);
  });

  it('says plainly when the port is taken', async () => {
    const first = await startCliServer(HTTP_ARGS());
    const port = new URL(first.url).port;
    const second = await runCli(['--data-dir', dataDir, '--http', '--host', '127.0.0.1', '--port', port, '--no-stun']);
    await first.stop();
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/another program uses that port/);
  });
});

describe('minimost serve', () => {
  it('creates a private data folder with defaults, serves HTTPS, keeps its CA across restarts and stops cleanly', async () => {
    const args = ['--data-dir', dataDir, '--host', '127.0.0.1', '--port', '0', '--stun-port', '0'];
    const first = await startCliServer(args);
    expect(first.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(first.output()).toMatch(/CA cert:\s+https:\/\/127\.0\.0\.1:\d+\/ca\.pem/);
    expect(first.output()).toMatch(/STUN:\s+udp port \d+/);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const file of ['minimost.db', 'settings.json', 'tls/ca-key.pem', 'tls/server-key.pem']) {
      expect(statSync(path.join(dataDir, file)).mode & 0o077, file).toBe(0);
    }
    const settings = JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(settings).toMatchObject({ port: 8443, channels: ['general', 'random'], password_min_length: 12, stun_port: 3478 });
    const ca = readFileSync(path.join(dataDir, 'tls/ca.pem'), 'utf8');
    const served = await httpsGet(`${first.url}/ca.pem`, ca);
    expect(served).toEqual({ status: 200, body: ca });
    expect((await httpsGet(`${first.url}/healthz`, ca)).body).toBe('{"status":"ok"}');
    expect(await first.stop()).toBe(0);
    expect(first.output()).toMatch(/shutting down/);
    // The WAL was checkpointed into the database file on the way out.
    const wal = path.join(dataDir, 'minimost.db-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);

    const second = await startCliServer(args);
    expect((await httpsGet(`${second.url}/ca.pem`, ca)).body).toBe(ca);
    expect(await second.stop()).toBe(0);
  });

  it('uses an admin-supplied certificate and key instead of generating its own', async () => {
    const own = path.join(path.dirname(dataDir), 'own-tls');
    const material = await ensureTlsMaterial({ dir: own, hostnames: ['chat.example.lan'], ipAddresses: [] });
    writeFileSync(path.join(own, 'cert.pem'), material.cert);
    writeFileSync(path.join(own, 'key.pem'), material.key);
    const server = await startCliServer(['--data-dir', dataDir, '--host', '127.0.0.1', '--port', '0', '--no-stun', '--tls-cert', path.join(own, 'cert.pem'), '--tls-key', path.join(own, 'key.pem')]);
    try {
      expect((await httpsGet(`${server.url}/healthz`, material.caCert)).status).toBe(200);
      expect((await httpsGet(`${server.url}/ca.pem`, material.caCert)).status).toBe(404);
      expect(existsSync(path.join(dataDir, 'tls'))).toBe(false);
    } finally {
      await server.stop();
    }
    const missing = await runCli(['--data-dir', dataDir, '--host', '127.0.0.1', '--port', '0', '--no-stun', '--tls-cert', '/nope/cert.pem', '--tls-key', '/nope/key.pem']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('minimost: invalid --tls-cert: cannot read /nope/cert.pem (ENOENT)');
  });

  it('closes open WebSockets on SIGTERM and exits 0', async () => {
    const server = await startCliServer(HTTP_ARGS());
    const alice = new HttpClient(server.url);
    await alice.signUp('alice');
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/ws`, {
      headers: { origin: server.url, cookie: `mm_session=${alice.cookies.get('mm_session')}` },
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const started = Date.now();
    expect(await server.stop()).toBe(0);
    expect(await closed).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('tightens a data folder that others could read', async () => {
    const first = await startCliServer(HTTP_ARGS());
    await first.stop();
    chmodSync(dataDir, 0o755);
    const second = await startCliServer(HTTP_ARGS());
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    await second.stop();
  });
});

describe('minimost reset-password', () => {
  it('prints a one-time link that sets a new password, clears a lockout and ends old sessions', async () => {
    const server = await startCliServer(HTTP_ARGS(), { MINIMOST_LOGIN_FAILURE_DELAY_MS: '0' });
    try {
      const alice = new HttpClient(server.url);
      expect((await alice.signUp('Alice')).status).toBe(201);
      const attacker = new HttpClient(server.url);
      for (let i = 0; i < 5; i++) await attacker.logIn('alice', 'Wrong-Password-1');
      expect((await attacker.logIn('alice')).status).toBe(423);

      const result = await runCli(['reset-password', 'alice', '--expires', '30', '--data-dir', dataDir, '--public-url', server.url]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Password reset link for Alice \(single use, valid 30 minutes\)/);
      const link = /(http\S+\/reset-password#token=([A-Za-z0-9_-]{43}))/.exec(result.stdout);
      expect(link).not.toBeNull();
      const token = link?.[2] as string;

      const page = new HttpClient(server.url);
      await page.boot();
      const weak = await page.post('/api/auth/reset-password', { token, password: 'weak', confirmPassword: 'weak' });
      expect(await errorOf(weak)).toMatchObject({ code: 'WEAK_PASSWORD' });
      const fresh = 'Reset-Worked-99';
      expect((await page.post('/api/auth/reset-password', { token, password: fresh, confirmPassword: fresh })).status).toBe(204);
      const reused = await page.post('/api/auth/reset-password', { token, password: fresh, confirmPassword: fresh });
      expect(reused.status).toBe(410);
      expect(await errorOf(reused)).toMatchObject({ code: 'INVALID_RESET_TOKEN' });

      expect((await alice.boot()).user).toBeNull();
      expect((await new HttpClient(server.url).logIn('alice', STRONG_PASSWORD)).status).toBe(401);
      expect((await new HttpClient(server.url).logIn('alice', fresh)).status).toBe(200);
      const audit = readFileSync(path.join(dataDir, 'audit.log'), 'utf8');
      expect(audit).toMatch(/"event":"password.reset.requested"/);
      expect(audit).toMatch(/"event":"password.reset","outcome":"success"/);
    } finally {
      await server.stop();
    }
  });

  it('refuses an unknown user, a missing name and a bad --expires clearly', async () => {
    const server = await startCliServer(HTTP_ARGS());
    await server.stop();
    const unknown = await runCli(['reset-password', 'nobody', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('minimost: No user named "nobody".');
    const missing = await runCli(['reset-password', '--data-dir', dataDir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/usage: minimost reset-password <user>/);
    const expires = await runCli(['reset-password', 'alice', '--expires', 'soon', '--data-dir', dataDir]);
    expect(expires.code).toBe(2);
    expect(expires.stderr).toMatch(/invalid --expires/);
    const noData = await runCli(['reset-password', 'alice', '--data-dir', path.join(dataDir, 'nope')]);
    expect(noData.code).toBe(2);
    expect(noData.stderr).toMatch(/no MiniMost database/);
  });
});
