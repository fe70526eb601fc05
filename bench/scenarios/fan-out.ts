import os from 'node:os';
import { BenchSession, dropSockets, openSockets } from '../lib/client.js';
import { removeTempDir } from '../lib/cleanup.js';
import { watchProcess } from '../lib/procfs.js';
import type { Row, ScenarioResult } from '../lib/report.js';
import { prepareDataFolder, seedUsers } from '../lib/seed.js';
import { startServer } from '../lib/server.js';
import { fmt, Samples, sleep, waitFor, waitForQuiet, watchEventLoop } from '../lib/stats.js';

/*
 * Scenario 1. N users hold a WebSocket in #general; a few of them post over HTTP at a fixed total rate (open loop:
 * a send starts on schedule whether or not earlier ones were acknowledged, so a slow server cannot slow the
 * offered load and hide its own latency). Every socket should receive every acknowledged message exactly once.
 */

export interface FanOutParams {
  clients: number;
  senders: number;
  ratePerSecond: number;
  durationSeconds: number;
  /** Longest time allowed to open all sockets; fewer connected clients are reported, not hidden. */
  connectBudgetSeconds: number;
}

const CLIENT_ID_PREFIX = 'fanout-';
// `{"type":"message.created",` is how the server's JSON.stringify(event) starts; checking bytes in place avoids
// parsing 100,000 frames a second in the load generator, which shares the machine with the server.
const CREATED = Buffer.from('{"type":"message.created"');
const CLIENT_ID = Buffer.from(`"clientId":"${CLIENT_ID_PREFIX}`);

/** The send index encoded in the message's clientId, or -1 for frames that are not one of our messages. */
function sendIndexOf(frame: Buffer): number {
  if (frame.compare(CREATED, 0, CREATED.length, 0, CREATED.length) !== 0) {
    if (!frame.includes('message.created')) return -1;
  }
  let at = frame.indexOf(CLIENT_ID);
  if (at < 0) return -1;
  at += CLIENT_ID.length;
  let index = 0;
  for (let c = frame[at]; c !== undefined && c >= 48 && c <= 57; c = frame[++at]) index = index * 10 + (c - 48);
  return index;
}

const cores = os.cpus().length;
// A delivery that has not arrived this long after the last send is counted as lost: late beyond any use.
const DRAIN_TIMEOUT_MS = 60_000;
const FILLER = 'deploy went fine, the graphs look calm; next step is the release notes and a quick review';

export async function runFanOut(p: FanOutParams): Promise<ScenarioResult> {
  const total = p.ratePerSecond * p.durationSeconds;
  const result: ScenarioResult = {
    id: `fan-out-${p.clients}`,
    title: `1. Fan-out, ${fmt(p.clients)} clients`,
    params: { clients: p.clients, senders: p.senders, rate: `${p.ratePerSecond}/s`, duration: `${p.durationSeconds}s`, messages: total, channel: '#general' },
    status: 'ok',
    rows: [],
    notes: [],
  };
  const dir = await prepareDataFolder('fanout');
  const users = await seedUsers(dir, p.clients);
  const server = await startServer(dir);
  let sockets: Awaited<ReturnType<typeof openSockets>>['sockets'] = [];
  try {
    const senders = users.slice(0, p.senders).map((u) => new BenchSession(server, u));
    await Promise.all(senders.map((s) => s.boot()));
    const channelId = await (senders[0] as BenchSession).channelId('general');

    // Per (client, message) delivery counts: clients × messages bytes, keyed by the clientId's send index, which
    // the server binds one-to-one to the message id (unique per author).
    const counts = new Uint8Array(p.clients * total);
    const sendStart = new Float64Array(total);
    const delivery = new Samples(p.clients * total);
    let phase: 'connect' | 'send' = 'connect';
    let connectFrames = 0;
    let connectBytes = 0;
    let otherFrames = 0;
    let duplicates = 0;
    let lastFrameAt = performance.now();

    const onFrame = (client: number, frame: Buffer) => {
      const now = performance.now();
      lastFrameAt = now;
      if (phase === 'connect') {
        connectFrames++;
        connectBytes += frame.length;
        return;
      }
      const index = sendIndexOf(frame);
      if (index < 0 || index >= total) return void otherFrames++;
      const slot = client * total + index;
      const seen = counts[slot] as number;
      counts[slot] = Math.min(255, seen + 1);
      if (seen === 0) delivery.push(now - (sendStart[index] as number));
      else duplicates++;
    };

    const connectStart = performance.now();
    const opened = await openSockets(server, users, onFrame, { concurrency: 64, deadline: connectStart + p.connectBudgetSeconds * 1000 });
    sockets = opened.sockets;
    const connectSeconds = (performance.now() - connectStart) / 1000;
    // Each connect is announced (presence) to everyone already connected; let that settle before timing sends.
    const settle = await waitForQuiet(() => lastFrameAt, 500, 60_000);

    phase = 'send';
    const acked = new Uint8Array(total);
    const ack = new Samples(total);
    let errors = 0;
    let firstError = '';
    let inFlight = 0;
    let maxLag = 0;
    const resources = watchProcess(server.pid);
    const loop = watchEventLoop();
    const interval = 1000 / p.ratePerSecond;
    const t0 = performance.now() + 50;
    for (let i = 0; i < total; i++) {
      const due = t0 + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      maxLag = Math.max(maxLag, performance.now() - due);
      const sender = senders[i % senders.length] as BenchSession;
      sendStart[i] = performance.now();
      inFlight++;
      const clientId = `${CLIENT_ID_PREFIX}${String(i).padStart(6, '0')}`;
      sender
        .request<{ message: { id: number } }>('POST', `/api/conversations/${channelId}/messages`, { clientId, text: `${i}: ${FILLER}` })
        .then((r) => {
          if (r.status !== 201) throw new Error(`HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
          acked[i] = 1;
          ack.push(r.ms);
        })
        .catch((err: unknown) => {
          errors++;
          firstError ||= (err as Error).message;
        })
        .finally(() => inFlight--);
    }
    const lastSendAt = performance.now();
    // Every request answers or times out (30 s, lib/http.ts) within this, so none is left uncounted.
    await waitFor(() => inFlight === 0, 35_000);
    const ackedCount = acked.reduce((a, b) => a + b, 0);
    const connected = sockets.flatMap((s, i) => (s ? [i] : []));
    const expected = ackedCount * connected.length;
    const drained = await waitFor(() => delivery.length >= expected, DRAIN_TIMEOUT_MS, 10);
    const drainMs = performance.now() - lastSendAt;
    const window = resources.stop();
    const loadGenUtilisation = loop.stop();

    let lost = 0;
    for (const client of connected) {
      for (let i = 0; i < total; i++) if (acked[i] && counts[client * total + i] === 0) lost++;
    }
    const ackSummary = ack.summary();
    const deliverySummary = delivery.summary();
    const atTarget = p.clients === 1000;
    const rows: Row[] = [
      { metric: 'clients connected', value: `${fmt(opened.opened)} / ${fmt(p.clients)} in ${fmt(connectSeconds, 1)} s`, verdict: opened.opened === p.clients ? null : 'misses', gate: true },
      { metric: 'frames while connecting', value: `${fmt(connectFrames)} (${fmt(connectBytes / 1048576, 1)} MB), quiet after ${fmt(settle / 1000, 1)} s` },
      { metric: 'messages acked / sent', value: `${fmt(ackedCount)} / ${fmt(total)}${errors + inFlight ? ` (${fmt(errors)} errors, ${fmt(inFlight)} unanswered)` : ''}`, verdict: errors + inFlight ? 'misses' : null, gate: true },
      { metric: 'send-ack p50 / p99 / max', value: `${ackSummary.p50} / ${ackSummary.p99} / ${ackSummary.max} ms` },
      {
        metric: 'delivery p50 / p99 / max',
        value: `${deliverySummary.p50} / ${deliverySummary.p99} / ${deliverySummary.max} ms`,
        ...(atTarget ? { target: 'p50 ≤ 10, p99 ≤ 50 ms', verdict: deliverySummary.p50 <= 10 && deliverySummary.p99 <= 50 ? 'meets' : 'misses' } : {}),
      },
      { metric: 'deliveries lost / duplicated', value: `${fmt(lost)} / ${fmt(duplicates)} of ${fmt(expected)}`, target: '0 / 0', verdict: lost === 0 && duplicates === 0 ? 'meets' : 'misses', gate: true },
      { metric: 'last send → all delivered', value: `${fmt(drainMs)} ms` },
      { metric: 'server CPU avg / busiest s', value: `${fmt(window.cpuPercent)} / ${fmt(Math.max(...window.cpuPerSecond, 0))} % of a core` },
      { metric: 'CPU bench / other processes', value: `${fmt(window.benchCpuPercent)} / ${fmt(window.otherCpuPercent)} % (machine: ${cores * 100} %)` },
      { metric: 'server RSS max', value: `${fmt(window.rssMaxMb)} MB` },
      { metric: 'load generator busy', value: `${fmt(loadGenUtilisation * 100)} % (busiest s ${fmt(Math.max(...loop.perSecond, 0) * 100)} %, send lag max ${fmt(maxLag, 1)} ms)` },
    ];
    result.rows = rows;
    result.data = { connectSeconds, connectFrames, connectBytes, settleMs: settle, connected: opened.opened, connectFailures: opened.failures, ackedCount, errors, firstError, ack: ackSummary, delivery: deliverySummary, lost, duplicates, expected, drained, otherFrames, server: window, loadGenUtilisation, loadGenPerSecond: loop.perSecond, maxSendLagMs: maxLag, drainMs };
    if (opened.failures > 0) result.notes?.push(`${opened.failures} sockets failed to open: ${opened.firstError ?? ''}`);
    if (errors > 0) result.notes?.push(`first send error: ${firstError}`);
    if (!drained) result.notes?.push(`deliveries still missing ${DRAIN_TIMEOUT_MS / 1000} s after the last send (counted as lost)`);
    if (loadGenUtilisation > 0.8) result.notes?.push(`the load generator was ${fmt(loadGenUtilisation * 100)} % busy: latencies include its own queueing`);
    return result;
  } finally {
    await server.stop();
    dropSockets(sockets);
    removeTempDir(dir);
  }
}
