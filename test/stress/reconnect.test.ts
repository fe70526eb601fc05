import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ChatUser, newClientId } from '../support/chat-user.js';
import { assertInvariants } from '../support/invariants.js';
import { printTable, seededRandom, sleep, waitUntil } from './support/report.js';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';
import { TrackingClient, compareView, type StoredMessage } from './support/tracking-client.js';

// People whose connections keep breaking while messages flow — their own network drops (terminate), the server
// closes their socket (here: for flooding), their network stalls, the server restarts gracefully and is killed —
// each resume from `/changes?after=` and end with exactly the server's history, in seq order, nothing missed,
// nothing twice, edits and deletions in their final state.

const SECONDS = Number(process.env.MINIMOST_RECONNECT_SECONDS ?? 24);
const PEOPLE = 8;
const SENDERS = 4;
const SEED = Number(process.env.MINIMOST_STRESS_SEED ?? Date.now() % 1_000_000);
const ENV = { MINIMOST_MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000', MINIMOST_SIGNUP_RATE_LIMIT_PER_MINUTE: '100000' };

const root = mkdtempSync(path.join(os.tmpdir(), 'minimost-reconnect-'));
const dataDir = path.join(root, 'data');
let server: ServerProcess | undefined;
afterAll(async () => {
  if (server && server.child.exitCode === null) await server.kill9();
  rmSync(root, { recursive: true, force: true });
});

describe('reconnecting while messages flow', () => {
  it('every client ends with exactly the server’s history', async () => {
    const random = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const port = await freePort();
    server = await startServerProcess(dataDir, port, ENV);
    const people: ChatUser[] = [];
    for (let i = 0; i < PEOPLE; i++) people.push(await ChatUser.signUp(server.url, `person${i}`));
    const [first, second] = people as [ChatUser, ChatUser];
    const general = await first.channel('general');
    const crew = await first.createPrivateChannel('crew', people.slice(1).map((p) => p.username));
    const { conversation: dm } = await first.openDm([second.username]);

    const clients = people.map((person) => new TrackingClient(person.http));
    await Promise.all(clients.map((client, i) => client.track(i < 2 ? [general.id, crew.id, dm.id] : [general.id, crew.id])));
    await Promise.all(clients.map((client) => client.connect()));

    const chaos = { terminated: 0, serverClosed: 0, stalled: 0, restarts: 0, kills: 0, sent: 0, retried: 0, edited: 0, deleted: 0 };
    let sending = true;
    let serverUp = true;

    async function sendLoop(person: ChatUser, index: number): Promise<void> {
      const conversations = index < 2 ? [general.id, crew.id, dm.id] : [general.id, crew.id];
      const pending: { clientId: string; conversationId: number; text: string }[] = [];
      const mine: number[] = [];
      while (sending || pending.length > 0) {
        const retry = pending.shift();
        const send = retry ?? { clientId: newClientId(), conversationId: pick(conversations), text: `${person.username} ${chaos.sent}` };
        try {
          const roll = random();
          if (!retry && roll < 0.08 && mine.length > 0) {
            const target = pick(mine);
            const edited = await person.request('PATCH', `/api/messages/${target}`, { text: `edited ${newClientId()}` });
            if (edited.status === 200) chaos.edited++;
          } else if (!retry && roll < 0.12 && mine.length > 0) {
            const target = mine.splice(Math.floor(random() * mine.length), 1)[0] as number;
            const deleted = await person.request('DELETE', `/api/messages/${target}`);
            if (deleted.status === 204) chaos.deleted++;
          }
          const response = await person.sendRequest(send.conversationId, send.text, { clientId: send.clientId });
          if (response.status !== 200 && response.status !== 201) throw new Error(`send answered ${response.status}`);
          mine.push(((await response.json()) as { message: { id: number } }).message.id);
          if (retry) chaos.retried++;
          else chaos.sent++;
        } catch {
          pending.push(send);
          await sleep(serverUp ? 20 : 100);
        }
        await sleep(20 + random() * 60);
      }
    }

    const senders = people.slice(0, SENDERS).map((person, i) => sendLoop(person, i));
    const started = Date.now();
    const at = (fraction: number) => started + fraction * SECONDS * 1000;
    const restartAt = at(0.3);
    const killAt = at(0.65);
    let restarted = false;
    let killed = false;
    while (Date.now() < at(1)) {
      const client = pick(clients);
      const roll = random();
      if (roll < 0.45) {
        client.terminate();
        chaos.terminated++;
      } else if (roll < 0.75) {
        // The server closes this socket (1008) because it floods: a server-side close without a restart.
        for (let i = 0; i < 35; i++) client.send({ type: 'ping' });
        chaos.serverClosed++;
      } else {
        void client.stall(1_500);
        chaos.stalled++;
      }
      if (!restarted && Date.now() > restartAt) {
        restarted = true;
        serverUp = false;
        expect(await server.stop()).toBe(0);
        server = await startServerProcess(dataDir, port, ENV);
        serverUp = true;
        chaos.restarts++;
      }
      if (!killed && Date.now() > killAt) {
        killed = true;
        serverUp = false;
        await server.kill9();
        server = await startServerProcess(dataDir, port, ENV);
        serverUp = true;
        chaos.kills++;
      }
      await sleep(150 + random() * 300);
    }
    sending = false;
    await Promise.all(senders);

    // Quiet now: every client must reach the server's last seq in every conversation it follows.
    const lastSeqs = async (): Promise<Map<number, number>> => {
      const { conversations } = await first.conversations();
      const { conversations: others } = await (people[2] as ChatUser).conversations();
      return new Map([...conversations, ...others].map((c) => [c.id, c.lastSeq]));
    };
    await waitUntil(
      'every client to catch up',
      async () => {
        const seqs = await lastSeqs();
        return clients.every((client) => [...client.views.values()].every((view) => view.lastSeq === seqs.get(view.conversationId)));
      },
      20_000,
      200,
    );
    await Promise.all(clients.map((client) => client.stop()));
    expect(await server.stop()).toBe(0);

    const db = new Database(path.join(dataDir, 'minimost.db'), { readonly: true });
    try {
      const history = (conversationId: number) =>
        db.prepare('SELECT id, seq, body AS text FROM messages WHERE conversation_id = ? ORDER BY seq').all(conversationId) as StoredMessage[];
      const lastSeq = (conversationId: number) => (db.prepare('SELECT last_seq FROM conversations WHERE id = ?').get(conversationId) as { last_seq: number }).last_seq;
      const rows = clients.map((client, i) => {
        const problems = [...client.views.values()].flatMap((view) => compareView(view, history(view.conversationId), lastSeq(view.conversationId)).map((p) => `#${view.conversationId}: ${p}`));
        return {
          person: people[i]?.username ?? '',
          connects: client.stats.connects,
          'catch-ups': client.stats.catchUps,
          'events applied': client.stats.eventsApplied,
          'duplicates ignored': client.stats.duplicatesIgnored,
          'close codes': Object.entries(client.stats.closeCodes).map(([code, n]) => `${code}×${n}`).join(' '),
          'matches server': problems.length === 0 ? 'yes' : problems.join('; '),
        };
      });
      printTable(`reconnect: ${SECONDS} s, ${PEOPLE} people, ${SENDERS} sending, seed ${SEED}`, rows);
      printTable('reconnect: what was done to them', [
        { event: 'messages sent (acknowledged)', count: chaos.sent },
        { event: '…retried with the same client id after a failure', count: chaos.retried },
        { event: 'messages edited / deleted', count: `${chaos.edited} / ${chaos.deleted}` },
        { event: 'client-side cuts (terminate, no close frame)', count: chaos.terminated },
        { event: 'server-side closes (flood → 1008)', count: chaos.serverClosed },
        { event: 'stalls (1.5 s without reading)', count: chaos.stalled },
        { event: 'graceful restarts / kill -9 restarts', count: `${chaos.restarts} / ${chaos.kills}` },
      ]);
      expect(rows.filter((row) => row['matches server'] !== 'yes')).toEqual([]);
      expect(clients.every((client) => client.stats.connects >= 3)).toBe(true);
      assertInvariants(db);
    } finally {
      db.close();
    }
  });
});
