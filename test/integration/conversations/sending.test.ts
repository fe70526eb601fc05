import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/shared/protocol/messages.js';
import { expectStatus, newClientId, signUpAll } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created, event } from '../../support/ws-client.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function rowsWithClientId(clientId: string): number {
  return (server?.db.prepare('SELECT count(*) AS n FROM messages WHERE client_id = ?').get(clientId) as { n: number }).n;
}

describe('retrying a send with the same client id', () => {
  it('returns the first message with 200, stores one row and announces it once', async () => {
    server = await startTestServer();
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const bobTab = await bob.connect();
    const general = await alice.channel('general');
    const clientId = newClientId();

    const first = await expectStatus<{ message: Message }>(await alice.sendRequest(general.id, 'only once', { clientId }), 201);
    // A retry after a lost answer, even one whose text was changed meanwhile, gets the original back.
    for (const text of ['only once', 'only once (edited in the composer)']) {
      const again = await expectStatus<{ message: Message }>(await alice.sendRequest(general.id, text, { clientId }), 200);
      expect(again.message).toEqual(first.message);
    }
    // Even when what the retry carries now would be refused as a new message.
    for (const [text, replyToId] of [['   ', null], ['only once', 999_999]] as const) {
      const again = await expectStatus<{ message: Message }>(await alice.sendRequest(general.id, text, { clientId, replyToId }), 200);
      expect(again.message).toEqual(first.message);
    }
    expect((await alice.sendRequest(general.id, '   ')).status).toBe(400);
    expect(rowsWithClientId(clientId)).toBe(1);

    const marker = await alice.send(general.id, 'marker');
    await bobTab.waitFor(created(marker.id));
    expect(bobTab.received(event('message.created', (e) => e.message.clientId === clientId))).toHaveLength(1);
    expect((await bob.history(general.id)).messages.filter((m) => m.clientId === clientId)).toHaveLength(1);
  });

  it('holds when the retries race the first attempt', async () => {
    server = await startTestServer();
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const bobTab = await bob.connect();
    const general = await alice.channel('general');
    const clientId = newClientId();

    const responses = await Promise.all(Array.from({ length: 8 }, () => alice.sendRequest(general.id, 'flaky network', { clientId })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { message: Message }).message.id)));
    expect(ids.size).toBe(1);
    expect(rowsWithClientId(clientId)).toBe(1);

    const marker = await alice.send(general.id, 'marker');
    await bobTab.waitFor(created(marker.id));
    expect(bobTab.received(event('message.created', (e) => e.message.clientId === clientId))).toHaveLength(1);
  });

  it('client ids belong to their author: the same id from someone else is a different message', async () => {
    server = await startTestServer();
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const general = await alice.channel('general');
    const clientId = newClientId();
    const hers = await alice.send(general.id, 'from alice', { clientId });
    const his = await bob.send(general.id, 'from bob', { clientId });
    expect(his.id).not.toBe(hers.id);
    expect(his.text).toBe('from bob');

    const random = await alice.channel('random');
    const reused = await alice.sendRequest(random.id, 'same id, other channel', { clientId });
    expect(reused.status).toBe(400);
    expect((await errorOf(reused)).code).toBe('BAD_REQUEST');
    const reusedEmpty = await alice.sendRequest(random.id, '   ', { clientId });
    expect((await errorOf(reusedEmpty)).code).toBe('BAD_REQUEST');
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(65)]) {
      const response = await alice.sendRequest(general.id, 'hi', { clientId: bad });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('concurrent sends', () => {
  it('are each committed before they are acknowledged, take distinct consecutive seqs and arrive once each', async () => {
    server = await startTestServer();
    const people = await signUpAll(server.url, 'alice', 'bob', 'carol', 'dave');
    const watcher = await people[0].connect();
    const general = await people[0].channel('general');
    const startSeq = general.lastSeq;
    // A second connection to the file sees only what was committed.
    const reader = new Database(path.join(server.dataDir, 'minimost.db'), { readonly: true });
    try {
      const committed = reader.prepare('SELECT count(*) AS n FROM messages WHERE id = ?');
      const sends = people.flatMap((person) =>
        Array.from({ length: 15 }, async (_, i) => {
          const message = await person.send(general.id, `${person.username} #${i}`);
          expect((committed.get(message.id) as { n: number }).n, `message ${message.id} acknowledged before commit`).toBe(1);
          return message;
        }),
      );
      const messages = await Promise.all(sends);
      const seqs = messages.map((m) => m.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => startSeq + 1 + i));

      await watcher.waitForCount((f) => f.type === 'message.created' && f.message.kind === 'user', 60);
      const marker = await people[1].send(general.id, 'marker');
      await watcher.waitFor(created(marker.id));
      const seen = watcher.received(event('message.created', (e) => e.message.kind === 'user' && e.message.id !== marker.id));
      expect(seen).toHaveLength(60);
      expect(new Set(seen.map((e) => e.seq)).size).toBe(60);
      expect((await people[2].history(general.id, '?limit=200')).messages.filter((m) => m.kind === 'user')).toHaveLength(61);
    } finally {
      reader.close();
    }
  });
});

describe('the send rate limit', () => {
  it('answers 429 past message_rate_limit_per_minute, per person, storing and announcing nothing', async () => {
    server = await startTestServer({ message_rate_limit_per_minute: 3 });
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const bobTab = await bob.connect();
    const general = await alice.channel('general');
    for (let i = 1; i <= 3; i++) await alice.send(general.id, `allowed ${i}`);

    const refused = await alice.sendRequest(general.id, 'one too many');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const error = await errorOf(refused);
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/sending messages too fast/);

    // Bob has his own allowance.
    const his = await bob.send(general.id, 'bob is fine');
    await bobTab.waitFor(created(his.id));
    expect(bobTab.received(event('message.created', (e) => e.message.text === 'one too many'))).toEqual([]);
    const texts = (await bob.history(general.id)).messages.filter((m) => m.kind === 'user').map((m) => m.text);
    expect(texts).toEqual(['allowed 1', 'allowed 2', 'allowed 3', 'bob is fine']);
  });
});
