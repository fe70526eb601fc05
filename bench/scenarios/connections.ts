import os from 'node:os';
import type WebSocket from 'ws';
import { dropSockets, openSockets } from '../lib/client.js';
import { removeTempDir } from '../lib/cleanup.js';
import { openFileLimit, rssMb, watchProcess } from '../lib/procfs.js';
import type { ScenarioResult } from '../lib/report.js';
import { prepareDataFolder, seedUsers } from '../lib/seed.js';
import { startServer } from '../lib/server.js';
import { fmt, round, sleep, waitForQuiet } from '../lib/stats.js';

/*
 * Scenario 2. Opens authenticated, idle WebSockets (one user each) in batches up to a bounded target and reads the
 * server's RSS after each batch has settled. Per-connection memory is (RSS with N sockets − RSS with none) / N.
 * The time each batch takes is kept too: if connecting gets slower as the count grows, something is O(N) per
 * connection.
 */

export interface ConnectionsParams {
  target: number;
  batch: number;
  budgetSeconds: number;
}

interface Step {
  connected: number;
  batchSeconds: number;
  framesDuringBatch: number;
  rssMb: number;
}

// Descriptors a process needs besides its sockets (stdio, the database, its WAL, libuv internals…).
const FD_HEADROOM = 200;

export async function runConnections(p: ConnectionsParams): Promise<ScenarioResult> {
  const result: ScenarioResult = {
    id: 'connections',
    title: '2. Idle connections',
    params: { target: p.target, batch: p.batch, budget: `${p.budgetSeconds}s` },
    status: 'ok',
    rows: [],
    notes: [],
  };
  // The server is our child and inherits our limit; each socket costs one descriptor on each side.
  const fdLimit = openFileLimit();
  const target = Math.min(p.target, fdLimit - FD_HEADROOM);
  if (target < p.target) {
    result.notes?.push(`capped at ${fmt(target)} sockets by the open-file limit (${fmt(fdLimit)}); raise it with \`ulimit -n\` before running`);
  }
  result.params.openFileLimit = fdLimit;

  const dir = await prepareDataFolder('connections');
  const users = await seedUsers(dir, target);
  const server = await startServer(dir);
  const sockets: (WebSocket | null)[] = [];
  try {
    await sleep(1000);
    const baseline = rssMb(server.pid);
    let frames = 0;
    let bytes = 0;
    let lastFrameAt = performance.now();
    const onFrame = (_client: number, frame: Buffer) => {
      frames++;
      bytes += frame.length;
      lastFrameAt = performance.now();
    };

    const steps: Step[] = [];
    let failures = 0;
    let firstError: string | null = null;
    const startedAt = performance.now();
    const deadline = startedAt + p.budgetSeconds * 1000;
    const resources = watchProcess(server.pid);
    let stopReason = 'target reached';
    for (let from = 0; from < target; from += p.batch) {
      if (performance.now() > deadline) {
        stopReason = `time budget of ${p.budgetSeconds} s spent`;
        break;
      }
      const batchStart = performance.now();
      const framesBefore = frames;
      const batch = await openSockets(server, users.slice(from, from + p.batch), onFrame, { concurrency: 64, deadline, offset: from });
      sockets.push(...batch.sockets);
      failures += batch.failures;
      firstError ??= batch.firstError;
      // Settled = no presence announcements still arriving; bounded by what is left of the budget.
      await waitForQuiet(() => lastFrameAt, 300, Math.max(1000, deadline - performance.now()));
      steps.push({
        connected: sockets.filter((s) => s !== null).length,
        batchSeconds: round((performance.now() - batchStart) / 1000),
        framesDuringBatch: frames - framesBefore,
        rssMb: round(rssMb(server.pid), 1),
      });
      if (batch.failures > batch.opened * 0.01) {
        stopReason = `more than 1 % of a batch failed: ${batch.firstError ?? ''}`;
        break;
      }
    }
    const connectSeconds = (performance.now() - startedAt) / 1000;
    const window = resources.stop();
    await sleep(2000);
    const held = sockets.filter((s) => s !== null && s.readyState === s.OPEN).length;
    const finalRss = rssMb(server.pid);
    const perConnectionKb = held > 0 ? ((finalRss - baseline) * 1024) / held : NaN;
    const first = steps[0];
    const last = steps[steps.length - 1];
    const full = p.target >= 10_000;
    result.rows = [
      { metric: 'sockets held', value: `${fmt(held)} of ${fmt(p.target)} (${stopReason})`, ...(full ? { target: '10,000', verdict: held >= 10_000 ? 'meets' : 'misses' } : {}) },
      { metric: 'RSS per connection', value: `${fmt(perConnectionKb, 1)} KB`, target: '≤ 100 KB', verdict: perConnectionKb <= 100 ? 'meets' : 'misses' },
      { metric: 'server RSS idle → held', value: `${fmt(baseline)} → ${fmt(finalRss)} MB (peak ${fmt(window.rssMaxMb)})` },
      { metric: 'time to connect all', value: `${fmt(connectSeconds, 1)} s` },
      { metric: 'CPU server / bench / others', value: `${fmt(window.cpuPercent)} / ${fmt(window.benchCpuPercent)} / ${fmt(window.otherCpuPercent)} % (machine: ${os.cpus().length * 100} %)` },
      {
        metric: 'first → last batch',
        value: first && last ? `${fmt(first.batchSeconds, 2)} s → ${fmt(last.batchSeconds, 2)} s per ${fmt(p.batch)}` : '–',
      },
      { metric: 'frames received while connecting', value: `${fmt(frames)} (${fmt(bytes / 1048576, 1)} MB)` },
    ];
    if (failures > 0) result.notes?.push(`${failures} handshakes failed; first: ${firstError ?? ''}`);
    result.data = { fdLimit, target, baselineRssMb: baseline, finalRssMb: finalRss, held, perConnectionKb, connectSeconds, frames, bytes, failures, firstError, stopReason, server: window, steps };
    return result;
  } finally {
    await server.stop();
    dropSockets(sockets);
    removeTempDir(dir);
  }
}
