import { statSync } from 'node:fs';
import path from 'node:path';
import { BenchSession, type Timed } from '../lib/client.js';
import type { ScenarioResult } from '../lib/report.js';
import { prepareDataFolder, seedMessages, seedUsers, setReadPositions, type SeededUser } from '../lib/seed.js';
import { startServer } from '../lib/server.js';
import { fmt, round, Samples, type Summary } from '../lib/stats.js';

/*
 * Scenario 4. A channel with many messages, seeded into a stopped server's database (see lib/seed.ts), then read
 * over HTTP one request at a time: the newest page, a page 10,000 messages back, and the sidebar (conversation
 * list with unread counts) for a member who is caught up and one who has read nothing.
 */

export interface HistoryFolder {
  dir: string;
  conversationId: number;
  lastSeq: number;
  messages: number;
  members: number;
  /** users[0] has read everything; users[1] nothing. */
  users: SeededUser[];
  seedSeconds: number;
  databaseMb: number;
}

/** Builds the data folder shared by the history and start-up scenarios. */
export async function buildHistoryFolder(messages: number, members: number): Promise<HistoryFolder> {
  const dir = await prepareDataFolder('history');
  const startedAt = performance.now();
  const users = await seedUsers(dir, members);
  const ids = users.map((u) => u.id);
  const { conversationId, lastSeq } = seedMessages(dir, 'general', messages, ids);
  setReadPositions(dir, conversationId, lastSeq, ids.filter((_, i) => i !== 1));
  const seedSeconds = round((performance.now() - startedAt) / 1000, 1);
  const databaseMb = round(statSync(path.join(dir, 'minimost.db')).size / 1048576, 1);
  return { dir, conversationId, lastSeq, messages, members, users, seedSeconds, databaseMb };
}

export interface HistoryParams {
  requests: number;
  warmup: number;
  /** Upper bound on the time spent per kind of request. */
  budgetSeconds: number;
}

async function measure<T>(label: string, p: HistoryParams, count: number, call: () => Promise<Timed<T>>, check: (r: Timed<T>) => boolean): Promise<Summary> {
  const samples = new Samples(count);
  const deadline = performance.now() + p.budgetSeconds * 1000;
  for (let i = 0; i < p.warmup + count && performance.now() < deadline; i++) {
    const response = await call();
    if (!check(response)) throw new Error(`${label}: unexpected answer ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
    if (i >= p.warmup) samples.push(response.ms);
  }
  return samples.summary();
}

interface Page {
  messages: { seq: number }[];
  readPositions: unknown[];
}

export async function runHistory(folder: HistoryFolder, p: HistoryParams): Promise<ScenarioResult> {
  const deepBefore = folder.lastSeq - 10_000;
  const result: ScenarioResult = {
    id: 'history',
    title: '4. History',
    params: { messages: folder.messages, members: folder.members, requests: p.requests, warmup: p.warmup, pageSize: 50, database: `${folder.databaseMb} MB` },
    status: 'ok',
    rows: [],
    notes: [],
  };
  const server = await startServer(folder.dir);
  try {
    const reader = new BenchSession(server, folder.users[0] as SeededUser);
    const behind = new BenchSession(server, folder.users[1] as SeededUser);
    await Promise.all([reader.boot(), behind.boot()]);
    const base = `/api/conversations/${folder.conversationId}/messages`;
    let pageBytes = 0;
    const newest = await measure('newest page', p, p.requests, () => reader.request<Page>('GET', base), (r) => {
      pageBytes = JSON.stringify(r.body).length;
      return r.status === 200 && r.body.messages.length === 50 && r.body.messages[49]?.seq === folder.lastSeq;
    });
    const deep = await measure('page 10,000 back', p, p.requests, () => reader.request<Page>('GET', `${base}?before=${deepBefore}`), (r) =>
      r.status === 200 && r.body.messages.length === 50 && r.body.messages[49]?.seq === deepBefore - 1,
    );
    type List = { conversations: { unreadCount: number }[] };
    const sidebar = await measure('sidebar, caught up', p, Math.min(p.requests, 50), () => reader.request<List>('GET', '/api/conversations'), (r) => r.status === 200);
    let unread = 0;
    const sidebarBehind = await measure('sidebar, all unread', { ...p, warmup: 1 }, 10, () => behind.request<List>('GET', '/api/conversations'), (r) => {
      unread = r.body.conversations.reduce((sum, c) => sum + c.unreadCount, 0);
      return r.status === 200;
    });
    result.rows = [
      { metric: 'seeded in', value: `${fmt(folder.seedSeconds, 1)} s (${fmt(folder.messages)} messages, ${fmt(folder.members)} users)` },
      {
        metric: 'newest 50 p50 / p95',
        value: `${newest.p50} / ${newest.p95} ms (${fmt(pageBytes / 1024, 1)} KB)`,
        ...(folder.messages >= 1_000_000 ? { target: 'p50 ≤ 5 ms', verdict: newest.p50 <= 5 ? 'meets' : 'misses' } : { target: 'p50 ≤ 5 ms (at 1M)' }),
      },
      { metric: '50, 10,000 back p50 / p95', value: `${deep.p50} / ${deep.p95} ms` },
      { metric: 'sidebar p50 (caught up)', value: `${sidebar.p50} ms` },
      { metric: `sidebar p50 (${fmt(unread)} unread)`, value: `${sidebarBehind.p50} ms (n=${sidebarBehind.count})` },
    ];
    result.data = { folder: { ...folder, users: undefined }, newest, deep, sidebar, sidebarBehind, pageBytes, unread, firstStartMs: round(server.readyMs) };
    if (sidebarBehind.p50 > 10 * Math.max(1, sidebar.p50)) {
      result.notes?.push('the conversation list counts unread messages row by row (USER_CONVERSATIONS in conversations-store.ts), so it slows with the unread count');
    }
    return result;
  } finally {
    await server.stop();
  }
}
