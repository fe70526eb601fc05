import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localIpAddresses } from '../../../src/server/tls/local-addresses.js';
import { runCli, startCliServer } from '../../support/cli.js';
import { signUpAll } from '../../support/chat-user.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { event } from '../../support/ws-client.js';

const TOKEN = 'scrape-me-0123456789abcdef';

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ metrics_token: TOKEN });
  });
  afterEach(async () => {
    await server.close();
  });

  it('exposes requests, sockets, messages, fan-out latency and database size in Prometheus text format', async () => {
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const bobTab = await bob.connect();
    const general = await alice.channel('general');
    for (const text of ['one', 'two', 'three']) await alice.send(general.id, text);
    await bobTab.waitFor(event('message.created', (e) => e.message.text === 'three'));

    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    for (const line of text.trimEnd().split('\n')) {
      if (line.startsWith('# ')) expect(line).toMatch(/^# (HELP|TYPE) [a-z_]+ \S/);
      else expect(line).toMatch(line.includes('{') ? /^[a-z_]+\{[a-z]+="[^"]+"\} \S+$/ : /^[a-z_]+ \S+$/);
      if (!line.startsWith('# ')) expect(Number.isFinite(Number(line.split(' ').pop()))).toBe(true);
    }
    for (const [name, type] of [
      ['minimost_http_requests_total', 'counter'],
      ['minimost_websocket_connections', 'gauge'],
      ['minimost_messages_sent_total', 'counter'],
      ['minimost_event_fanout_seconds', 'histogram'],
      ['minimost_database_size_bytes', 'gauge'],
    ]) {
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
    }
    expect(sample(text, 'minimost_http_requests_total{status="2xx"}')).toBeGreaterThanOrEqual(8);
    expect(sample(text, 'minimost_http_requests_total{status="5xx"}')).toBe(0);
    expect(sample(text, 'minimost_websocket_connections')).toBe(1);
    expect(sample(text, 'minimost_messages_sent_total')).toBe(3);
    const fanouts = sample(text, 'minimost_event_fanout_seconds_count');
    expect(fanouts).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'minimost_event_fanout_seconds_bucket{le="+Inf"}')).toBe(fanouts);
    expect(sample(text, 'minimost_event_fanout_seconds_bucket{le="1"}')).toBe(fanouts);
    expect(sample(text, 'minimost_database_size_bytes')).toBeGreaterThan(10_000);

    await bobTab.close();
    const after = await (await fetch(`${server.url}/metrics`)).text();
    expect(sample(after, 'minimost_websocket_connections')).toBe(0);
  });

  it('answers this machine only, or whoever holds the token; forwarded requests need the token', async () => {
    const forwarded = await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(forwarded.status).toBe(403);
    expect(await forwarded.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'Metrics are served to this machine, or with "Authorization: Bearer <metrics_token>".' } });
    expect((await fetch(`${server.url}/metrics`, { headers: { forwarded: 'for=203.0.113.9' } })).status).toBe(403);
    expect((await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(403);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).not.toBe(200);
  });
});

const lanAddress = localIpAddresses().ipv4.find((ip) => ip !== '127.0.0.1');

describe('GET /metrics from another machine', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'minimost-metrics-')), 'data');
  });
  afterEach(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it.skipIf(!lanAddress)('is refused without the token', async () => {
    const server = await startCliServer(['--data-dir', dataDir, '--http', '--host', '0.0.0.0', '--port', '0', '--no-stun', '--metrics-token', TOKEN]);
    try {
      const port = new URL(server.url).port;
      const remote = `http://${lanAddress}:${port}/metrics`;
      expect((await fetch(remote)).status).toBe(403);
      expect((await fetch(remote, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

const BIN = fileURLToPath(new URL('../../../bin/minimost.js', import.meta.url));

/** Runs `minimost serve`, keeping stdout and stderr apart; stops it after `whileRunning`. */
async function serveAndCapture(args: string[], whileRunning: (url: string) => Promise<void>): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 15 s:\n${stdout}\n${stderr}`)), 15_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /Open:\s+(\S+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  try {
    await whileRunning(url);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  return { stdout, stderr };
}

describe('logs', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'minimost-logs-')), 'data');
  });
  afterEach(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));
  const args = () => ['--data-dir', dataDir, '--http', '--host', '127.0.0.1', '--port', '0', '--no-stun'];

  it('are JSON lines on stdout (the banner goes to stderr), start and stop at info, requests only at debug', async () => {
    const quiet = await serveAndCapture(args(), async (url) => {
      await fetch(`${url}/healthz`);
    });
    const records = quiet.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { level: number; msg: string; time: string });
    expect(records.map((r) => r.msg)).toEqual(expect.arrayContaining(['MiniMost started', 'Received SIGTERM; shutting down.', 'MiniMost stopped']));
    expect(records.every((r) => r.level === 30 && /^\d{4}-\d\d-\d\dT/.test(r.time))).toBe(true);
    expect(quiet.stdout).not.toContain('incoming request');
    expect(quiet.stderr).toContain('MiniMost is running.');

    const chatty = await serveAndCapture([...args(), '--log-level', 'debug'], async (url) => {
      await fetch(`${url}/healthz`);
    });
    expect(chatty.stdout).toMatch(/"msg":"incoming request"/);
    expect(chatty.stdout).toMatch(/"msg":"request completed"/);

    const wrong = await runCli([...args(), '--log-level', 'loud']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('minimost: invalid --log-level: expected one of "fatal", "error", "warn", "info", "debug", "trace", "silent", got "loud"\n');
  });
});
