import type { ScenarioResult } from '../lib/report.js';
import { rssMb } from '../lib/procfs.js';
import { startServer } from '../lib/server.js';
import { fmt, round, sleep, summarize } from '../lib/stats.js';
import type { HistoryFolder } from './history.js';

/*
 * Scenario 6. Starts the production server several times on the history scenario's data folder and times spawn →
 * first 200 from /healthz (the server binds its port only once the database is open and migrated, so this is
 * "ready to serve", a little after "listening"). Idle RSS is read after the server has sat still for `idleSeconds`:
 * the server hands back the heap V8 grew while loading once it has been quiet for about six seconds (see
 * src/server/lib/settle-heap.ts), so the RSS 3 s after ready is reported too, as the figure before that.
 * The page cache is warm after the first start: the later runs show a restart, not a cold boot.
 */

export interface StartupParams {
  runs: number;
  idleSeconds: number;
}

export async function runStartup(folder: HistoryFolder, p: StartupParams): Promise<ScenarioResult> {
  const ready: number[] = [];
  const idle: number[] = [];
  const early: number[] = [];
  for (let i = 0; i < p.runs; i++) {
    const server = await startServer(folder.dir);
    try {
      ready.push(round(server.readyMs, 1));
      const earlySeconds = Math.min(3, p.idleSeconds);
      await sleep(earlySeconds * 1000);
      early.push(round(rssMb(server.pid), 1));
      await sleep((p.idleSeconds - earlySeconds) * 1000);
      idle.push(round(rssMb(server.pid), 1));
    } finally {
      await server.stop();
    }
  }
  const start = summarize(ready);
  const rss = summarize(idle);
  return {
    id: 'startup',
    title: '6. Start-up',
    params: { messages: folder.messages, database: `${folder.databaseMb} MB`, runs: p.runs, idle: `${p.idleSeconds}s` },
    status: 'ok',
    rows: [
      { metric: 'spawn → /healthz (median)', value: `${fmt(start.p50)} ms (runs: ${ready.map((r) => fmt(r)).join(', ')})`, target: '≤ 1 s', verdict: start.p50 <= 1000 ? 'meets' : 'misses' },
      { metric: 'idle RSS (median)', value: `${fmt(rss.p50, 1)} MB (runs: ${idle.map((r) => fmt(r, 1)).join(', ')})`, target: '≤ 100 MB', verdict: rss.p50 <= 100 ? 'meets' : 'misses' },
      { metric: 'RSS 3 s after ready (median)', value: `${fmt(summarize(early).p50, 1)} MB`, target: '—' },
    ],
    data: { readyMs: ready, idleRssMb: idle, earlyRssMb: early },
  };
}
