import { Worker } from 'node:worker_threads';
import { removeTempDir } from '../lib/cleanup.js';
import { cpuSeconds, watchProcess } from '../lib/procfs.js';
import type { Row, ScenarioResult } from '../lib/report.js';
import type { SeededUser } from '../lib/seed.js';
import { startServer } from '../lib/server.js';
import { fmt, round, Samples, sleep } from '../lib/stats.js';
import { seedTeam, type TeamOptions } from '../lib/team-seed.js';
import { ACTION_NAMES, evaluateGates, GATES, Outcome, RAMP, RequestWindow, THINK_TIME, type WindowStats } from '../lib/user-mix.js';
import type { FromWorker, ToWorker, WorkerInput } from './supported-users-worker.js';

/*
 * Scenario 8, after Mattermost's load-test-ng coordinator: simulated people join 8 at a time every 2 s, each
 * running the action mix of lib/user-mix.ts in a worker thread, until one of the health gates breaks over the
 * sliding window (or the user or time cap is reached). Users sustained = people active at the last window that
 * passed every gate. The server is one Node process; its CPU is read from /proc as % of one core.
 */

export interface SupportedUsersParams {
  maxUsers: number;
  maxSeconds: number;
  windowSeconds: number;
  workers: number;
  history: TeamOptions['history'];
}

interface Evaluation {
  at: number;
  users: number;
  window: WindowStats;
  serverCpuPercent: number;
  benchCpuPercent: number;
  workerBusyMax: number;
  /** Most requests one worker had in flight at once during the window. */
  peakInFlight: number;
  broken: string[];
}

const TARGET = 5000;

export async function runSupportedUsers(p: SupportedUsersParams): Promise<ScenarioResult> {
  const result: ScenarioResult = {
    id: 'supported-users',
    title: '8. Supported users',
    params: {
      ramp: `${RAMP.usersPerStep} users / ${RAMP.stepSeconds} s`,
      maxUsers: p.maxUsers,
      maxTime: `${p.maxSeconds}s`,
      window: `${p.windowSeconds}s`,
      think: `${THINK_TIME.minMs / 1000}–${(2 * THINK_TIME.avgMs - THINK_TIME.minMs) / 1000}s (mean ${THINK_TIME.avgMs / 1000})`,
      gates: `p99≤${GATES.p99Ms}ms mean≤${GATES.meanMs}ms failed≤${GATES.failedPercent}% cpu≤${GATES.serverCpuPercent}%`,
      workers: p.workers,
      durability: 'full (default)',
    },
    status: 'ok',
    rows: [],
    notes: [],
  };
  const team = await seedTeam({ users: p.maxUsers, history: p.history, seed: 8 });
  try {
    const server = await startServer(team.dir);
    const workers: Worker[] = [];
    try {
      const window = new RequestWindow(p.windowSeconds);
      const perAction = ACTION_NAMES.map(() => ({ latency: new Samples(), failed: 0, actions: 0 }));
      const firstErrors: string[] = [];
      const active = new Array<number>(p.workers).fill(0);
      const busy: number[][] = Array.from({ length: p.workers }, () => []);
      const peaks: number[][] = Array.from({ length: p.workers }, () => []);
      const onMessage = (worker: number) => (message: FromWorker) => {
        if (message.type !== 'records') return;
        const r = message.records;
        for (let i = 0; i < r.length; i += 4) {
          const [at, action, ms, outcome] = [r[i] as number, r[i + 1] as number, r[i + 2] as number, r[i + 3] as Outcome];
          window.add(at, ms, outcome);
          const entry = perAction[action];
          if (!entry) continue;
          if (outcome === Outcome.Ok) entry.latency.push(ms);
          else entry.failed++;
        }
        message.actions.forEach((n, i) => perAction[i] && (perAction[i].actions += n));
        active[worker] = message.active;
        busy[worker]?.push(message.utilization);
        peaks[worker]?.push(message.peakInFlight);
        for (const e of message.firstErrors) if (firstErrors.length < 5) firstErrors.push(e);
      };
      for (let i = 0; i < p.workers; i++) {
        const worker = new Worker(new URL('./supported-users-worker.js', import.meta.url), {
          workerData: { endpoint: { baseUrl: server.baseUrl, origin: server.origin }, seed: 1000 + i } satisfies WorkerInput,
        });
        worker.on('message', onMessage(i));
        worker.on('error', (err) => firstErrors.push(`worker ${i}: ${err.message}`));
        workers.push(worker);
      }

      const clock = () => (performance.timeOrigin + performance.now()) / 1000;
      const resources = watchProcess(server.pid);
      // CPU of the server and of this process (main thread + workers) at each step, for the window's share.
      const cpuAt: { at: number; server: number; bench: number }[] = [];
      const benchCpu = () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1e6;
      };
      const startedAt = clock();
      let started = 0;
      let lastPassed: Evaluation | null = null;
      let breaking: Evaluation | null = null;
      let stopReason = '';
      let reachedCapAt: number | null = null;
      let nextProgress = startedAt + 30;
      const evaluations: Evaluation[] = [];

      for (let step = 0; ; step++) {
        const now = clock();
        cpuAt.push({ at: now, server: cpuSeconds(server.pid), bench: benchCpu() });
        if (now - startedAt >= p.windowSeconds) {
          const from = cpuAt.find((c) => c.at >= now - p.windowSeconds) as (typeof cpuAt)[number];
          const last = cpuAt[cpuAt.length - 1] as (typeof cpuAt)[number];
          const seconds = Math.max(0.001, last.at - from.at);
          const recentBusy = busy.map((b) => b.slice(-Math.ceil(p.windowSeconds * 2)));
          const evaluation: Evaluation = {
            at: round(now - startedAt, 1),
            users: active.reduce((a, b) => a + b, 0),
            window: window.stats(now),
            serverCpuPercent: round(((last.server - from.server) / seconds) * 100, 0),
            benchCpuPercent: round(((last.bench - from.bench) / seconds) * 100, 0),
            workerBusyMax: round(Math.max(...recentBusy.map((b) => (b.length ? b.reduce((x, y) => x + y, 0) / b.length : 0))) * 100, 0),
            peakInFlight: Math.max(0, ...peaks.flatMap((b) => b.slice(-Math.ceil(p.windowSeconds * 2)))),
            broken: [],
          };
          evaluation.broken = evaluateGates(evaluation.window, evaluation.serverCpuPercent).broken;
          evaluations.push(evaluation);
          if (evaluation.broken.length === 0) lastPassed = evaluation;
          else {
            breaking = evaluation;
            stopReason = `gate broke: ${evaluation.broken.join('; ')}`;
            break;
          }
          if (reachedCapAt !== null && now - reachedCapAt >= p.windowSeconds) {
            stopReason = `user cap ${fmt(p.maxUsers)} reached and held for one window, every gate passing`;
            break;
          }
        }
        if (now - startedAt >= p.maxSeconds) {
          stopReason = `time cap ${p.maxSeconds} s reached, every gate passing`;
          break;
        }
        if (now >= nextProgress) {
          const e = evaluations[evaluations.length - 1];
          process.stderr.write(`\n  ${Math.round(now - startedAt)} s: ${started} users${e ? `, window p99 ${round(e.window.p99Ms)} ms, mean ${round(e.window.meanMs)} ms, server ${e.serverCpuPercent} %, bench ${e.benchCpuPercent} %` : ''} `);
          nextProgress += 30;
        }
        if (started < p.maxUsers) {
          const batch = team.users.slice(started, Math.min(p.maxUsers, started + RAMP.usersPerStep));
          started += batch.length;
          // Round-robin over the workers, so each drives about the same number of people.
          batch.forEach((user, i) => workers[(started + i) % p.workers]?.postMessage({ type: 'add', users: [user] as SeededUser[] } satisfies ToWorker));
          if (started >= p.maxUsers) reachedCapAt = clock();
        }
        await sleep(Math.max(0, startedAt + (step + 1) * RAMP.stepSeconds - clock()) * 1000);
      }
      await stopWorkers(workers);
      const used = resources.stop();

      const sustained = lastPassed?.users ?? 0;
      const describe = (e: Evaluation) =>
        `${fmt(e.users)} users at ${fmt(e.at)} s: ${fmt(e.window.requests)} requests (${fmt(e.window.requests / p.windowSeconds)}/s), p99 ${fmt(e.window.p99Ms, 1)} ms, mean ${fmt(e.window.meanMs, 1)} ms, ${e.window.errors} errors, ${e.window.timeouts} timeouts, at most ${e.peakInFlight} in flight in a worker; CPU server ${e.serverCpuPercent} %, bench ${e.benchCpuPercent} % (busiest worker ${e.workerBusyMax} %)`;
      const saturated = evaluations.filter((e) => e.workerBusyMax >= 90);
      const rows: Row[] = [
        {
          metric: 'team seeded',
          value: `${fmt(team.users.length)} users, ${team.publicChannels} public + ${fmt(team.privateChannels)} private channels (${team.privateSizes.join(' / ')} members min / median / max), ${fmt(team.dms)} DMs, ${fmt(team.messages)} messages in ${fmt(team.seedSeconds, 1)} s`,
        },
        {
          metric: 'users sustained',
          value: `${fmt(sustained)}${breaking ? '' : ' (cap reached before any gate broke)'}`,
          target: p.maxUsers >= TARGET ? `≥ ${fmt(TARGET)}` : `≥ ${fmt(TARGET)} (uncapped run)`,
          // Judged only when the ramp could have reached the target (not --quick, not a low --max-users).
          ...(p.maxUsers >= TARGET && (breaking || sustained >= TARGET) ? { verdict: sustained >= TARGET ? ('meets' as const) : ('misses' as const) } : {}),
        },
        { metric: 'stopped because', value: stopReason },
        { metric: 'last passing window', value: lastPassed ? describe(lastPassed) : 'none' },
        ...(breaking ? [{ metric: 'window that broke', value: describe(breaking) }] : []),
        {
          metric: 'whole run',
          value: `${fmt(used.seconds, 0)} s; CPU server ${used.cpuPercent} %, bench ${used.benchCpuPercent} %, others ${used.otherCpuPercent} % (machine: 200 %); server RSS max ${fmt(used.rssMaxMb)} MB`,
        },
        ...ACTION_NAMES.map((name, i) => {
          const a = perAction[i] as (typeof perAction)[number];
          const s = a.latency.summary();
          const done = name === 'boot' ? `${fmt(started)} boots` : name === 'read on arrival' ? 'not an action' : `${fmt(a.actions)} actions`;
          return {
            metric: `  ${name}`,
            value: `${done}, ${fmt(s.count + a.failed)} requests, p50 ${fmt(s.p50, 1)} / p99 ${fmt(s.p99, 1)} ms${a.failed ? `, ${fmt(a.failed)} failed` : ''}`,
          };
        }),
      ];
      result.rows = rows;
      if (saturated.length > 0) {
        result.notes?.push(
          `the load generator was saturated (a worker ≥ 90 % busy) in ${saturated.length} of ${evaluations.length} windows, from ${fmt(saturated[0]?.users ?? 0)} users: latencies there include the generator's own queueing`,
        );
      }
      if (breaking && breaking.serverCpuPercent < 50) {
        result.notes?.push(
          `the server used ${breaking.serverCpuPercent} % of a core when the gate broke, so it was not CPU-bound on average: look for bursts (compare "read on arrival" with the other requests), the disk, or CPU taken by other processes (${used.otherCpuPercent} % during the run)`,
        );
      }
      const heavy = evaluations.filter((e) => e.benchCpuPercent >= 100);
      if (heavy.length > 0) {
        result.notes?.push(
          `the load generator used a whole core or more in ${heavy.length} of ${evaluations.length} windows, from ${fmt(heavy[0]?.users ?? 0)} users: on a 2-core machine it then competes with the server for CPU`,
        );
      }
      for (const e of firstErrors) result.notes?.push(`first errors: ${e}`);
      result.data = { team: { ...team, users: undefined, dir: undefined }, sustained, stopReason, lastPassed, breaking, evaluations, usedResources: used };
      return result;
    } finally {
      await stopWorkers(workers);
      await server.stop();
    }
  } finally {
    removeTempDir(team.dir);
  }
}

/** Asks each worker to stop its people (so the server's shutdown is not counted as errors), then ends it. */
async function stopWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(
    workers.splice(0).map(async (worker) => {
      const stopped = new Promise<void>((resolve) => {
        worker.on('message', (m: FromWorker) => m.type === 'stopped' && resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage({ type: 'stop' } satisfies ToWorker);
      await Promise.race([stopped, sleep(5000)]);
      await worker.terminate();
    }),
  );
}
