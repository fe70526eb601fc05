import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { BenchSession } from '../lib/client.js';
import { removeTempDir } from '../lib/cleanup.js';
import { watchProcess } from '../lib/procfs.js';
import type { Row, ScenarioResult } from '../lib/report.js';
import { prepareDataFolder, seedUsers } from '../lib/seed.js';
import { startServer } from '../lib/server.js';
import { fmt, round, Samples, summarize, watchEventLoop } from '../lib/stats.js';

/*
 * Scenario 3. C senders each post to #general in a closed loop (the next send starts when the previous one is
 * acknowledged) for a fixed time. An acknowledgement means the message's transaction committed with the server's
 * default synchronous=FULL, so the ceiling is set by how many messages share one fsync (group commit).
 */

export interface ThroughputParams {
  concurrency: number[];
  durationSeconds: number;
}

/** The disk's own fsync latency in the data folder: 200 × (write 512 bytes + fdatasync), the floor under FULL. */
function probeFsync(dir: string): number {
  const file = path.join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  const samples: number[] = [];
  try {
    const block = Buffer.alloc(512, 1);
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      writeSync(fd, block, 0, block.length, i * 512);
      fdatasyncSync(fd);
      samples.push(performance.now() - start);
    }
  } finally {
    closeSync(fd);
  }
  return summarize(samples).p50;
}

interface Round {
  concurrency: number;
  acked: number;
  errors: number;
  firstError: string;
  seconds: number;
  perSecond: number;
  ack: ReturnType<Samples['summary']>;
  serverCpuPercent: number;
  loadGenBusyPercent: number;
  otherCpuPercent: number;
}

async function sendFlat(senders: BenchSession[], channelId: number, seconds: number, tag: string): Promise<Omit<Round, 'concurrency' | 'serverCpuPercent' | 'loadGenBusyPercent' | 'otherCpuPercent'>> {
  const ack = new Samples();
  let acked = 0;
  let errors = 0;
  let firstError = '';
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let lastDone = start;
  await Promise.all(
    senders.map(async (sender) => {
      while (performance.now() < end) {
        const clientId = `throughput-${tag}-${n++}`;
        try {
          const r = await sender.request('POST', `/api/conversations/${channelId}/messages`, { clientId, text: `throughput ${clientId}: the build is green again` });
          if (r.status !== 201) throw new Error(`HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
          acked++;
          ack.push(r.ms);
        } catch (err) {
          errors++;
          firstError ||= (err as Error).message;
          // A failing server answers fast; do not spin on it.
          if (errors > 1000) return;
        }
        lastDone = performance.now();
      }
    }),
  );
  const elapsed = (lastDone - start) / 1000;
  return { acked, errors, firstError, seconds: round(elapsed), perSecond: round(acked / elapsed, 0), ack: ack.summary() };
}

type Durability = 'full' | 'normal';

/** One server per durability setting, on its own copy of the seeded folder; the same senders and durations. */
async function measure(p: ThroughputParams, durability: Durability, users: Awaited<ReturnType<typeof seedUsers>>, dir: string): Promise<(Round & { durability: Durability })[]> {
  const server = await startServer(dir, { MINIMOST_DURABILITY: durability });
  try {
    const sessions = users.map((u) => new BenchSession(server, u));
    await Promise.all(sessions.map((s) => s.boot()));
    const channelId = await (sessions[0] as BenchSession).channelId('general');
    const rounds: (Round & { durability: Durability })[] = [];
    for (const concurrency of p.concurrency) {
      const resources = watchProcess(server.pid);
      const loop = watchEventLoop();
      const r = await sendFlat(sessions.slice(0, concurrency), channelId, p.durationSeconds, `${durability}-c${concurrency}`);
      const window = resources.stop();
      rounds.push({ durability, concurrency, ...r, serverCpuPercent: window.cpuPercent, loadGenBusyPercent: round(loop.stop() * 100, 0), otherCpuPercent: window.otherCpuPercent });
    }
    return rounds;
  } finally {
    await server.stop();
  }
}

export async function runThroughput(p: ThroughputParams): Promise<ScenarioResult> {
  const maxConcurrency = Math.max(...p.concurrency);
  const result: ScenarioResult = {
    id: 'throughput',
    title: '3. Durable send throughput',
    params: { senders: p.concurrency.join('/'), duration: `${p.durationSeconds}s each`, durability: 'full (synchronous=FULL), then normal', channel: '#general' },
    status: 'ok',
    rows: [],
    notes: [],
  };
  const dir = await prepareDataFolder('throughput');
  const users = await seedUsers(dir, maxConcurrency);
  const fsyncP50 = probeFsync(dir);
  try {
    // Full first: it is the default and the target; "normal" shows what the disk wait costs.
    const rounds = [...(await measure(p, 'full', users, dir)), ...(await measure(p, 'normal', users, dir))];
    const rows: Row[] = rounds.map((r) => ({
      metric: `${r.concurrency} sender${r.concurrency === 1 ? '' : 's'}, ${r.durability}`,
      value: `${fmt(r.perSecond)} msg/s (ack p50 ${r.ack.p50}, p99 ${r.ack.p99} ms; CPU server ${r.serverCpuPercent} %, others ${r.otherCpuPercent} %; bench busy ${r.loadGenBusyPercent} %)${r.errors ? `, ${fmt(r.errors)} errors` : ''}`,
      ...(r.concurrency === 64 && r.durability === 'full' ? { target: '≥ 5,000 msg/s', verdict: r.perSecond >= 5000 ? 'meets' : 'misses' } : {}),
      ...(r.errors ? { verdict: 'misses' as const, gate: true } : {}),
    }));
    rows.push({ metric: 'disk fdatasync p50 (data folder)', value: `${fmt(fsyncP50, 2)} ms → ${fmt(1000 / fsyncP50)} commits/s` });
    result.rows = rows;
    result.data = { fsyncP50Ms: fsyncP50, rounds };
    for (const r of rounds) if (r.errors) result.notes?.push(`${r.durability}, ${r.concurrency} senders: first error: ${r.firstError}`);
    return result;
  } finally {
    removeTempDir(dir);
  }
}
