import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { installCleanupHandlers, removeTempDir } from './lib/cleanup.js';
import { machineInfo } from './lib/procfs.js';
import { renderTable, writeResults, type BenchReport } from './lib/report.js';
import { BENCH_PASSWORD, prepareDataFolder, seedMessages, seedUsers, setReadPositions } from './lib/seed.js';
import { REPO_ROOT, startServer } from './lib/server.js';
import { fmt, summarize } from './lib/stats.js';

/*
 * Scenario 7b, `npm run bench:browser`: Debian's Chromium logs in to a real server and the bench times, inside the
 * page, (a) navigation → login form on screen and (b) form submitted → the newest message of #general painted.
 * Times are taken in the page with performance.now() on animation frames, so they exclude the automation's
 * round trips but are only as fine as a frame (~16 ms). Each run uses a fresh browser context: a first visit.
 * Browsers run only in a loopback-only network namespace (TESTING.md), so this refuses to start anywhere else.
 */

const RUNS = 5;
const HISTORY = 1000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// TESTING.md: no sandbox inside the namespace, nothing phoning home.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function assertLoopbackOnly(): void {
  const up = execFileSync('ip', ['-o', 'link', 'show', 'up'])
    .toString()
    .trim()
    .split('\n')
    .map((line) => line.split(':')[1]?.trim() ?? '');
  if (up.join() !== 'lo') {
    throw new Error(`not in a loopback-only network namespace (interfaces up: ${up.join(', ')}); run: scripts/netns-run npm run bench:browser`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
}

/** Installed before any page script: records when the login form and then the awaited message are on screen. */
function probe(needle: string): void {
  const marks: { formAt: number | null; submitAt: number | null; chatAt: number | null } = { formAt: null, submitAt: null, chatAt: null };
  (window as unknown as { __bench: typeof marks }).__bench = marks;
  document.addEventListener('submit', () => (marks.submitAt ??= performance.now()), true);
  const tick = () => {
    if (marks.formAt === null && document.querySelector('input[type=password]')) marks.formAt = performance.now();
    if (marks.submitAt !== null && document.querySelector('[role=log]')?.textContent?.includes(needle)) marks.chatAt = performance.now();
    if (marks.chatAt === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function newestText(dataDir: string, conversationId: number, seq: number): string {
  const db = new Database(path.join(dataDir, 'minimost.db'), { readonly: true });
  try {
    const row = db.prepare<[number, number], { body: string }>('SELECT body FROM messages WHERE conversation_id = ? AND seq = ?').get(conversationId, seq);
    if (!row) throw new Error('seeded message not found');
    return row.body;
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  assertLoopbackOnly();
  installCleanupHandlers();
  const startedAt = new Date().toISOString();
  const dir = await prepareDataFolder('browser');
  const users = await seedUsers(dir, 2);
  const ids = users.map((u) => u.id);
  const { conversationId, lastSeq } = seedMessages(dir, 'general', HISTORY, ids);
  setReadPositions(dir, conversationId, lastSeq, ids);
  const needle = `${newestText(dir, conversationId, lastSeq)}`;
  const server = await startServer(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const form: number[] = [];
  const chat: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        await page.addInitScript(probe, needle);
        await page.goto(`${server.baseUrl}/login`);
        await page.getByLabel('Username', { exact: true }).fill(users[0]?.username ?? '');
        await page.getByLabel('Password', { exact: true }).fill(BENCH_PASSWORD);
        await page.getByRole('button', { name: 'Log in' }).click();
        await page.getByRole('log').getByText(needle).first().waitFor({ timeout: 15_000 });
        const marks = await page.evaluate(() => (window as unknown as { __bench: { formAt: number; submitAt: number; chatAt: number } }).__bench);
        form.push(marks.formAt);
        chat.push(marks.chatAt - marks.submitAt);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    removeTempDir(dir);
  }
  const formSummary = summarize(form);
  const chatSummary = summarize(chat);
  const report: BenchReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: 'full',
    argv: process.argv.slice(2),
    profiled: false,
    machine: machineInfo(),
    scenarios: [
      {
        id: 'browser',
        title: '7b. Web app in Chromium',
        params: { runs: RUNS, history: HISTORY, cache: 'cold (new context per run)', chromium: CHROMIUM },
        status: 'ok',
        rows: [
          { metric: 'navigation → login form (median)', value: `${fmt(formSummary.p50)} ms (max ${fmt(formSummary.max)})` },
          { metric: 'login submitted → chat visible (median)', value: `${fmt(chatSummary.p50)} ms (max ${fmt(chatSummary.max)})`, target: '≤ 1 s', verdict: chatSummary.p50 <= 1000 ? 'meets' : 'misses' },
        ],
        data: { formMs: form, chatMs: chat },
      },
    ],
  };
  const table = renderTable(report);
  console.log(`\n${table}\n`);
  console.log(`Results: ${writeResults(report, REPO_ROOT, table)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
