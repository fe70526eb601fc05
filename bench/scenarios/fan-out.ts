import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { BenchSession } from '../lib/client.js';
import { removeTempDir } from '../lib/cleanup.js';
import { CLIENT_ID_PREFIX, monotonicMs, Stat, STAT_COUNT, type FanOutShared } from '../lib/fan-out-frames.js';
import type { ReceiverData, ReceiverReply } from '../lib/fan-out-receiver.js';
import { watchProcess } from '../lib/procfs.js';
import type { Row, ScenarioResult } from '../lib/report.js';
import { prepareDataFolder, seedUsers } from '../lib/seed.js';
import { startServer } from '../lib/server.js';
import { fmt, round, Samples, sleep, waitFor, watchEventLoop } from '../lib/stats.js';

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
  /** Threads holding the client sockets (default: one per core); the scenario's own thread only sends. */
  receiverThreads?: number;
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
  let receivers: ReceiverThread[] = [];
  try {
    const senders = users.slice(0, p.senders).map((u) => new BenchSession(server, u));
    await Promise.all(senders.map((s) => s.boot()));
    const channelId = await (senders[0] as BenchSession).channelId('general');

    // Per (client, message) delivery counts and first-arrival times, keyed by the clientId's send index, which the
    // server binds one-to-one to the message id (unique per author); written by the receiving threads.
    const threadCount = Math.max(1, Math.min(p.receiverThreads ?? cores, p.clients));
    const shared: FanOutShared = {
      clients: p.clients,
      messages: total,
      counts: new SharedArrayBuffer(p.clients * total),
      receivedAt: new SharedArrayBuffer(p.clients * total * 8),
      stats: new SharedArrayBuffer(threadCount * STAT_COUNT * 8),
      phase: new SharedArrayBuffer(4),
    };
    const counts = new Uint8Array(shared.counts);
    const receivedAt = new Float64Array(shared.receivedAt);
    const stats = new Float64Array(shared.stats);
    const phase = new Int32Array(shared.phase);
    const sum = (stat: number) => {
      let total = 0;
      for (let t = 0; t < threadCount; t++) total += stats[t * STAT_COUNT + stat] as number;
      return total;
    };
    const lastFrameAt = () => {
      let last = 0;
      for (let t = 0; t < threadCount; t++) last = Math.max(last, stats[t * STAT_COUNT + Stat.LastFrameAt] as number);
      return last;
    };
    const sendStart = new Float64Array(total);

    const connectStart = performance.now();
    const deadline = monotonicMs() + p.connectBudgetSeconds * 1000;
    receivers = Array.from({ length: threadCount }, (_, thread) => {
      const first = Math.floor((thread * p.clients) / threadCount);
      const end = Math.floor(((thread + 1) * p.clients) / threadCount);
      return startReceiver({ thread, endpoint: { baseUrl: server.baseUrl, origin: server.origin }, users: users.slice(first, end), firstClient: first, concurrency: Math.ceil(64 / threadCount), deadline, shared });
    });
    const openings = await Promise.all(receivers.map((r) => r.opened));
    const opened = {
      opened: openings.reduce((n, o) => n + o.opened, 0),
      failures: openings.reduce((n, o) => n + o.failures, 0),
      firstError: openings.find((o) => o.firstError)?.firstError ?? null,
    };
    const connected = openings.flatMap((o) => o.openedClients);
    const connectSeconds = (performance.now() - connectStart) / 1000;
    // Each connect is announced (presence) to everyone already connected; let that settle before timing sends.
    const settleStart = performance.now();
    stats[Stat.LastFrameAt] = Math.max(lastFrameAt(), monotonicMs());
    await waitFor(() => monotonicMs() - lastFrameAt() >= 500, 60_000, 50);
    const settle = performance.now() - settleStart;
    const connectFrames = sum(Stat.ConnectFrames);
    const connectBytes = sum(Stat.ConnectBytes);

    Atomics.store(phase, 0, 1);
    const acked = new Uint8Array(total);
    const ack = new Samples(total);
    let errors = 0;
    let firstError = '';
    let inFlight = 0;
    let maxLag = 0;
    const resources = watchProcess(server.pid);
    const writeCallsAtStart = writeCalls(server.pid);
    const loop = watchEventLoop();
    const threadLoops = receivers.map((r) => r.worker.performance.eventLoopUtilization());
    const interval = 1000 / p.ratePerSecond;
    const t0 = performance.now() + 50;
    for (let i = 0; i < total; i++) {
      const due = t0 + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      maxLag = Math.max(maxLag, performance.now() - due);
      const sender = senders[i % senders.length] as BenchSession;
      sendStart[i] = monotonicMs();
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
    const expected = ackedCount * connected.length;
    const drained = await waitFor(() => sum(Stat.Delivered) >= expected, DRAIN_TIMEOUT_MS, 10);
    const drainMs = performance.now() - lastSendAt;
    const window = resources.stop();
    const serverWriteCalls = writeCalls(server.pid) - writeCallsAtStart;
    const loadGenUtilisation = loop.stop();
    const receiverUtilisation = receivers.map((r, t) => round(r.worker.performance.eventLoopUtilization(threadLoops[t]).utilization, 3));

    // Deliveries of messages that were never acknowledged are not expected, so they are not timed either.
    const delivery = new Samples(expected);
    let lost = 0;
    for (const client of connected) {
      for (let i = 0; i < total; i++) {
        if (!acked[i]) continue;
        const slot = client * total + i;
        if (counts[slot] === 0) lost++;
        else delivery.push((receivedAt[slot] as number) - (sendStart[i] as number));
      }
    }
    const duplicates = sum(Stat.Duplicates);
    const otherFrames = sum(Stat.OtherFrames);
    const serverCpuSeconds = (window.cpuPercent / 100) * window.seconds;
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
      { metric: 'server write calls per delivery', value: `${fmt(serverWriteCalls / Math.max(1, expected), 3)} (${fmt(serverWriteCalls)} write/writev calls, HTTP answers and SQLite included)` },
      { metric: 'server CPU per delivery', value: `${fmt(serverCpuSeconds, 2)} s in ${fmt(window.seconds, 1)} s → ${fmt((serverCpuSeconds * 1e6) / Math.max(1, expected), 1)} µs` },
      { metric: 'CPU bench / other processes', value: `${fmt(window.benchCpuPercent)} / ${fmt(window.otherCpuPercent)} % (machine: ${cores * 100} %)` },
      { metric: 'server RSS max', value: `${fmt(window.rssMaxMb)} MB` },
      { metric: 'load generator busy', value: `sending ${fmt(loadGenUtilisation * 100)} % (busiest s ${fmt(Math.max(...loop.perSecond, 0) * 100)} %, send lag max ${fmt(maxLag, 1)} ms); receiving ${receiverUtilisation.map((u) => `${fmt(u * 100)} %`).join(' / ')} (${threadCount} threads)` },
    ];
    result.rows = rows;
    result.data = { connectSeconds, connectFrames, connectBytes, settleMs: settle, connected: opened.opened, connectFailures: opened.failures, ackedCount, errors, firstError, ack: ackSummary, delivery: deliverySummary, lost, duplicates, expected, drained, otherFrames, server: window, serverCpuSeconds, serverWriteCalls, loadGenUtilisation, loadGenPerSecond: loop.perSecond, receiverThreads: threadCount, receiverUtilisation, maxSendLagMs: maxLag, drainMs };
    if (opened.failures > 0) result.notes?.push(`${opened.failures} sockets failed to open: ${opened.firstError ?? ''}`);
    if (errors > 0) result.notes?.push(`first send error: ${firstError}`);
    if (!drained) result.notes?.push(`deliveries still missing ${DRAIN_TIMEOUT_MS / 1000} s after the last send (counted as lost)`);
    if (Math.max(loadGenUtilisation, ...receiverUtilisation) > 0.8) result.notes?.push(`a load generator thread was over 80 % busy: latencies include its own queueing`);
    return result;
  } finally {
    await server.stop();
    await Promise.all(receivers.map((r) => r.drop()));
    removeTempDir(dir);
  }
}

/**
 * Write system calls the process has made (`syscw` in /proc/<pid>/io: write, writev, pwrite; sockets and files
 * alike). Per delivery it shows how many frames share a write, a count that CPU contention cannot blur.
 */
function writeCalls(pid: number): number {
  const match = /^syscw:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
  return match ? Number(match[1]) : Number.NaN;
}

interface ReceiverThread {
  worker: Worker;
  opened: Promise<Extract<ReceiverReply, { type: 'opened' }>>;
  /** Drops the thread's sockets (after the server has stopped, see dropSockets) and ends the thread. */
  drop(): Promise<void>;
}

function startReceiver(data: ReceiverData): ReceiverThread {
  const worker = new Worker(new URL('../lib/fan-out-receiver.js', import.meta.url), { workerData: data });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const opened = new Promise<Extract<ReceiverReply, { type: 'opened' }>>((resolve, reject) => {
    worker.on('message', (reply: ReceiverReply) => {
      if (reply.type === 'opened') resolve(reply);
    });
    worker.once('error', reject);
    void exited.then(() => reject(new Error('a receiving thread ended before its sockets were open')));
  });
  return {
    worker,
    opened,
    async drop() {
      const dropped = new Promise<void>((resolve) => worker.on('message', (reply: ReceiverReply) => reply.type === 'dropped' && resolve()));
      worker.postMessage({ type: 'drop' });
      await Promise.race([dropped, exited, sleep(5_000)]);
      await worker.terminate();
    },
  };
}
