import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ChatUser, newClientId } from '../support/chat-user.js';
import { assertInvariants } from '../support/invariants.js';
import { printTable, seededRandom, sleep } from './support/report.js';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';

// Power cut, again and again: the built server takes a steady stream of sends from several clients and is killed
// with SIGKILL at a random moment; it restarts on the same data folder and the clients retry every send they did
// not get an answer for, with the same client id. Every acknowledged message must be there exactly once, and
// nothing at all may be stored twice.

const ROUNDS = Number(process.env.MINIMOST_KILL_ROUNDS ?? 24);
const CLIENTS = 6;
const IN_FLIGHT_PER_CLIENT = 2;
const SEED = Number(process.env.MINIMOST_STRESS_SEED ?? Date.now() % 1_000_000);

interface Send {
  clientId: string;
  text: string;
}

interface Sender {
  user: ChatUser;
  pending: Send[];
  conversationId: number;
}

const root = mkdtempSync(path.join(os.tmpdir(), 'minimost-kill9-'));
const dataDir = path.join(root, 'data');
let server: ServerProcess | undefined;
afterAll(async () => {
  if (server && server.child.exitCode === null) await server.kill9();
  rmSync(root, { recursive: true, force: true });
});

// Server-side limits are for people, not for this test's machine-gun clients.
const ENV = { MINIMOST_MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000', MINIMOST_SIGNUP_RATE_LIMIT_PER_MINUTE: '100000' };

describe('kill -9 while clients are sending', () => {
  it(`loses no acknowledged message and stores none twice, over ${ROUNDS} kills`, async () => {
    const random = seededRandom(SEED);
    const port = await freePort();
    server = await startServerProcess(dataDir, port, ENV);
    const senders: Sender[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const user = await ChatUser.signUp(server.url, `sender${i}`);
      const channels = (await user.conversations()).conversations.filter((c) => c.kind === 'public');
      senders.push({ user, pending: [], conversationId: channels[i % channels.length]?.id ?? 1 });
    }

    const acked = new Map<string, { id: number; status: number }>();
    const attempted = new Set<string>();
    let stopped = false;

    /** Sends until the kill, keeping every unanswered send for a retry. */
    async function sendLoop(sender: Sender, counts: { new: number; retriedFound: number; retriedStored: number }): Promise<void> {
      while (!stopped) {
        const retry = sender.pending.shift();
        const send = retry ?? { clientId: newClientId(), text: `m-${attempted.size}-${newClientId()}` };
        attempted.add(send.clientId);
        let response: Response;
        try {
          response = await sender.user.sendRequest(sender.conversationId, send.text, { clientId: send.clientId });
        } catch {
          // The server was killed, or a pooled connection went stale when it restarted: try again later.
          sender.pending.push(send);
          if (stopped) return;
          await sleep(10);
          continue;
        }
        if (response.status !== 200 && response.status !== 201) {
          sender.pending.push(send);
          throw new Error(`unexpected ${response.status}: ${await response.text()}`);
        }
        const { message } = (await response.json()) as { message: { id: number } };
        const earlier = acked.get(send.clientId);
        if (earlier && earlier.id !== message.id) throw new Error(`client id ${send.clientId} acknowledged as ${earlier.id} and ${message.id}`);
        acked.set(send.clientId, { id: message.id, status: response.status });
        if (!retry) counts.new++;
        else if (response.status === 200) counts.retriedFound++;
        else counts.retriedStored++;
      }
    }

    const rows: Record<string, number | string>[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const pendingBefore = senders.reduce((n, s) => n + s.pending.length, 0);
      const counts = { new: 0, retriedFound: 0, retriedStored: 0 };
      stopped = false;
      const killAfter = Math.round(30 + random() * 900);
      const loops = senders.flatMap((sender) => Array.from({ length: IN_FLIGHT_PER_CLIENT }, () => sendLoop(sender, counts)));
      await sleep(killAfter);
      stopped = true;
      await server.kill9();
      await Promise.all(loops);
      rows.push({
        round,
        'kill after ms': killAfter,
        'retried (were unanswered)': pendingBefore,
        '…found stored (200)': counts.retriedFound,
        '…stored now (201)': counts.retriedStored,
        'new acked': counts.new,
        'unanswered at kill': senders.reduce((n, s) => n + s.pending.length, 0),
      });
      server = await startServerProcess(dataDir, port, ENV);
    }

    // Last round: retry whatever is still unanswered, with the server left running.
    const last = { retriedFound: 0, retriedStored: 0 };
    for (const sender of senders) {
      while (sender.pending.length > 0) {
        const send = sender.pending.shift() as Send;
        const response = await sender.user.sendRequest(sender.conversationId, send.text, { clientId: send.clientId });
        expect([200, 201]).toContain(response.status);
        const { message } = (await response.json()) as { message: { id: number } };
        acked.set(send.clientId, { id: message.id, status: response.status });
        if (response.status === 200) last.retriedFound++;
        else last.retriedStored++;
      }
    }
    rows.push({ round: 'final', 'kill after ms': '-', 'retried (were unanswered)': last.retriedFound + last.retriedStored, '…found stored (200)': last.retriedFound, '…stored now (201)': last.retriedStored, 'new acked': 0, 'unanswered at kill': 0 });
    expect(await server.stop()).toBe(0);

    const db = new Database(path.join(dataDir, 'minimost.db'), { readonly: true });
    try {
      const stored = db.prepare('SELECT id, client_id, body FROM messages WHERE client_id IS NOT NULL').all() as { id: number; client_id: string; body: string }[];
      const byClientId = new Map<string, number[]>();
      for (const row of stored) byClientId.set(row.client_id, [...(byClientId.get(row.client_id) ?? []), row.id]);
      const missing = [...acked].filter(([clientId]) => !byClientId.has(clientId));
      const wrongId = [...acked].filter(([clientId, { id }]) => byClientId.get(clientId)?.[0] !== id);
      const duplicates = [...byClientId].filter(([, ids]) => ids.length > 1);
      const duplicateTexts = stored.length - new Set(stored.map((r) => r.body)).size;
      const strays = stored.filter((row) => !attempted.has(row.client_id));
      const gaps = db
        .prepare('SELECT c.id, c.last_seq, count(m.id) AS n, max(m.seq) AS top FROM conversations c LEFT JOIN messages m ON m.conversation_id = c.id GROUP BY c.id HAVING n <> c.last_seq OR coalesce(top, 0) <> c.last_seq')
        .all();
      printTable(`kill -9: ${ROUNDS} rounds, ${CLIENTS} clients × ${IN_FLIGHT_PER_CLIENT} in flight, seed ${SEED}`, rows);
      printTable('kill -9: what held', [
        { check: 'sends attempted (distinct client ids)', count: attempted.size },
        { check: 'acknowledged', count: acked.size },
        { check: 'acknowledged but missing after restart', count: missing.length },
        { check: 'acknowledged with another id than stored', count: wrongId.length },
        { check: 'client ids stored twice', count: duplicates.length },
        { check: 'texts stored twice', count: duplicateTexts },
        { check: 'stored but never sent', count: strays.length },
        { check: 'conversations with a gap in seq', count: gaps.length },
      ]);
      expect(acked.size).toBe(attempted.size);
      expect(missing).toEqual([]);
      expect(wrongId).toEqual([]);
      expect(duplicates).toEqual([]);
      expect(duplicateTexts).toBe(0);
      expect(strays).toEqual([]);
      expect(gaps).toEqual([]);
      assertInvariants(db);
    } finally {
      db.close();
    }
  });
});
