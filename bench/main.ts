import path from 'node:path';
import { installCleanupHandlers, removeTempDir } from './lib/cleanup.js';
import { parseOptions, USAGE, type BenchOptions } from './lib/options.js';
import { machineInfo, otherLoadPercent } from './lib/procfs.js';
import { renderTable, writeResults, type BenchReport, type ScenarioResult } from './lib/report.js';
import { REPO_ROOT, serverNodeFlags } from './lib/server.js';
import { runBundle } from './scenarios/bundle.js';
import { runConnections } from './scenarios/connections.js';
import { runFanOut } from './scenarios/fan-out.js';
import { buildHistoryFolder, runHistory, type HistoryFolder } from './scenarios/history.js';
import { runSearch } from './scenarios/search.js';
import { runStartup } from './scenarios/startup.js';
import { runSupportedUsers } from './scenarios/supported-users.js';
import { runThroughput } from './scenarios/throughput.js';

/*
 * `npm run bench`: starts real MiniMost servers (production build, temporary folders, 127.0.0.1) as child
 * processes and drives them from this process. Sizes and durations per mode live here, in one place, so the
 * printed parameters and the code agree. See docs/PERFORMANCE.md.
 */

interface Step {
  scenario: number;
  title: string;
  run: () => Promise<ScenarioResult>;
}

function plan(options: BenchOptions): { steps: Step[]; cleanUp: () => Promise<void> } {
  const quick = options.quick;
  const fanOutSizes = quick ? [100] : [100, 1000, ...(options.large ? [5000] : [])];
  const historySize = quick ? { messages: 100_000, members: 1000 } : { messages: 1_000_000, members: 1000 };
  // Scenarios 4 and 6 share one seeded folder, built on first use and removed at the end.
  let folder: Promise<HistoryFolder> | null = null;
  const historyFolder = () => (folder ??= buildHistoryFolder(historySize.messages, historySize.members));

  const steps: Step[] = [
    ...fanOutSizes.map((clients) => ({
      scenario: 1,
      title: `1. Fan-out, ${clients.toLocaleString('en')} clients`,
      run: () =>
        runFanOut({ clients, senders: 10, ratePerSecond: 100, durationSeconds: quick ? 5 : 10, connectBudgetSeconds: clients <= 100 ? 30 : clients <= 1000 ? 120 : 300 }),
    })),
    {
      scenario: 2,
      title: '2. Idle connections',
      run: () => runConnections(quick ? { target: 1000, batch: 250, budgetSeconds: 30 } : { target: 10_000, batch: 1000, budgetSeconds: 300 }),
    },
    { scenario: 3, title: '3. Durable send throughput', run: () => runThroughput({ concurrency: [1, 16, 64], durationSeconds: quick ? 3 : 10 }) },
    {
      scenario: 4,
      title: '4. History',
      run: async () => runHistory(await historyFolder(), quick ? { requests: 100, warmup: 10, budgetSeconds: 20 } : { requests: 300, warmup: 30, budgetSeconds: 60 }),
    },
    {
      scenario: 5,
      title: '5. Search',
      run: () =>
        runSearch({
          corpus: { messages: quick ? 100_000 : 1_000_000, publicChannels: 40, privateChannels: 10, users: 200, seed: 5 },
          samples: quick ? 50 : 100,
          warmup: quick ? 5 : 10,
          budgetSeconds: quick ? 60 : 120,
        }),
    },
    { scenario: 6, title: '6. Start-up', run: async () => runStartup(await historyFolder(), quick ? { runs: 2, idleSeconds: 10 } : { runs: 3, idleSeconds: 10 }) },
    { scenario: 7, title: '7. Web app bundle', run: runBundle },
    {
      scenario: 8,
      title: '8. Supported users',
      // Full: at most 10,000 users and 35 min (8 users / 2 s reaches 8,400 in 35 min); quick: 200 users, 90 s.
      run: () =>
        runSupportedUsers({
          maxUsers: Math.min(options.maxUsers ?? Infinity, quick ? 200 : 10_000),
          maxSeconds: quick ? 90 : 35 * 60,
          windowSeconds: 30,
          workers: 2,
          history: quick ? { public: 500, private: 100, dm: 10 } : { public: 5000, private: 300, dm: 20 },
        }),
    },
  ];
  return {
    steps: steps.filter((s) => !options.only || options.only.has(s.scenario)),
    cleanUp: async () => {
      const built = await folder?.catch(() => null);
      if (built) removeTempDir(built.dir);
    },
  };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  installCleanupHandlers();
  if (options.profile) serverNodeFlags.push('--cpu-prof', `--cpu-prof-dir=${path.join(REPO_ROOT, 'bench/results/profiles')}`);
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    finishedAt: '',
    mode: options.quick ? 'quick' : 'full',
    argv: process.argv.slice(2),
    profiled: options.profile,
    machine: { ...machineInfo(), otherLoadAtStartPercent: await otherLoadPercent() },
    scenarios: [],
  };
  if ((report.machine.otherLoadAtStartPercent ?? 0) > 20) {
    process.stderr.write(`bench: warning: other processes are using ${report.machine.otherLoadAtStartPercent} % CPU; figures will be noisy\n`);
  }
  const { steps, cleanUp } = plan(options);
  for (const step of steps) {
    const startedAt = performance.now();
    process.stderr.write(`bench: ${step.title} … `);
    let result: ScenarioResult;
    try {
      result = await step.run();
    } catch (err) {
      // One broken scenario must not hide the others' figures; its servers were stopped by its own finally.
      result = { id: step.title, title: step.title, params: {}, status: 'error', rows: [], error: (err as Error).stack ?? String(err) };
    }
    process.stderr.write(`${result.status} (${((performance.now() - startedAt) / 1000).toFixed(1)} s)\n`);
    if (result.error) process.stderr.write(`${result.error}\n`);
    report.scenarios.push(result);
  }
  await cleanUp();
  report.finishedAt = new Date().toISOString();
  const table = renderTable(report);
  console.log(`\n${table}\n`);
  const file = writeResults(report, REPO_ROOT, table);
  console.log(`Results: ${file}`);
  // The CI smoke check: errors, lost or duplicated deliveries fail the run; slow figures never do.
  const failed = report.scenarios.some((s) => s.status === 'error' || s.rows.some((r) => r.gate && r.verdict === 'misses'));
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
