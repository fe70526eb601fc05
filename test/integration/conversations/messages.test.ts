import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/shared/protocol/messages.js';
import { expectStatus, signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created, event, type WsClient } from '../../support/ws-client.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser;
let aliceTab: WsClient, bobTab: WsClient;
let generalId: number;

beforeEach(async () => {
  server = await startTestServer();
  [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
  [aliceTab, bobTab] = await Promise.all([alice.connect(), bob.connect()]);
  generalId = (await alice.channel('general')).id;
});
afterEach(async () => {
  await server.close();
});

async function userTexts(user: ChatUser, conversationId: number): Promise<(string | null)[]> {
  return (await user.history(conversationId)).messages.filter((m) => m.kind === 'user').map((m) => m.text);
}

describe('message length', () => {
  it('is 1 to 10,000 characters after trimming: empty is 400, longer is 413, and nothing is stored or sent', async () => {
    for (const text of ['', '   ', ' \n\t \n ']) {
      const response = await alice.sendRequest(generalId, text);
      expect(response.status, JSON.stringify(text)).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: 'EMPTY_MESSAGE', message: 'A message cannot be empty.' });
    }
    for (const text of ['a'.repeat(10_001), '😀'.repeat(10_001), 'b'.repeat(50_000)]) {
      const response = await alice.sendRequest(generalId, text);
      expect(response.status, `${[...text].length} characters`).toBe(413);
      const error = await errorOf(response);
      expect(error.code).toBe('MESSAGE_TOO_LONG');
      expect(error.message).toMatch(/at most 10,000 characters/);
    }
    expect(await userTexts(alice, generalId)).toEqual([]);

    // Exactly 10,000 characters (not UTF-16 units), and surrounding whitespace does not count.
    const exact = await alice.send(generalId, 'c'.repeat(10_000));
    expect(exact.text).toHaveLength(10_000);
    const emoji = await alice.send(generalId, '😀'.repeat(10_000));
    expect([...(emoji.text ?? '')]).toHaveLength(10_000);
    const padded = await alice.send(generalId, `  \n${'d'.repeat(10_000)}\n  `);
    expect(padded.text).toBe('d'.repeat(10_000));
    expect(await userTexts(bob, generalId)).toEqual([exact.text, emoji.text, padded.text]);

    const marker = await alice.send(generalId, 'ok');
    await bobTab.waitFor(created(marker.id));
    expect(bobTab.received(event('message.created', (e) => e.message.kind === 'user'))).toHaveLength(4);
  });

  it('a paste far over the limit (150,000 characters, refused from its size before it is read) is also 413 MESSAGE_TOO_LONG', async () => {
    // The composer keeps the text on 413; a 400 validation error would read as a different problem.
    for (const send of [() => alice.sendRequest(generalId, 'b'.repeat(150_000)), async () => alice.request('PATCH', `/api/messages/${(await alice.send(generalId, 'x')).id}`, { text: 'b'.repeat(150_000) })]) {
      const response = await send();
      expect(response.status).toBe(413);
      expect((await errorOf(response)).code).toBe('MESSAGE_TOO_LONG');
    }
  });

  it('the same limits hold for edits', async () => {
    const sent = await alice.send(generalId, 'short');
    const empty = await alice.request('PATCH', `/api/messages/${sent.id}`, { text: '  ' });
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).code).toBe('EMPTY_MESSAGE');
    const long = await alice.request('PATCH', `/api/messages/${sent.id}`, { text: 'x'.repeat(10_001) });
    expect(long.status).toBe(413);
    expect((await errorOf(long)).code).toBe('MESSAGE_TOO_LONG');
    expect(await userTexts(bob, generalId)).toEqual(['short']);
    expect((await alice.edit(sent.id, ` ${'y'.repeat(10_000)} `)).text).toBe('y'.repeat(10_000));
  });
});

describe('text that looks like HTML or markdown', () => {
  it('is stored and returned exactly as typed, over HTTP and the socket', async () => {
    const texts = [
      '<script>alert("pwned")</script>',
      '<img src=x onerror="alert(1)">',
      '**bold** <b>not bold</b> &amp; &lt;tag&gt; [link](javascript:alert(1))',
      'line one\n  indented line two\n\ttab',
      'emoji 🎉 and right-to-left שלום and zero‍width',
    ];
    for (const text of texts) {
      const sent = await alice.send(generalId, text);
      expect(sent.text).toBe(text);
      expect((await bobTab.waitFor(created(sent.id))).message.text).toBe(text);
    }
    expect(await userTexts(bob, generalId)).toEqual(texts);
    const raw = await bob.http.get(`/api/conversations/${generalId}/messages`);
    expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('replies', () => {
  it('carry the parent’s author and first line; the parent must be in the same conversation', async () => {
    const random = await alice.channel('random');
    const long = `${'p'.repeat(250)}\nsecond line`;
    const parent = await alice.send(generalId, long);
    const reply = await bob.send(generalId, 'agreed', { replyToId: parent.id });
    const preview = { id: parent.id, authorId: alice.id, text: `${'p'.repeat(200)}…`, deleted: false };
    expect(reply.replyTo).toEqual(preview);
    expect((await aliceTab.waitFor(created(reply.id))).message.replyTo).toEqual(preview);
    expect((await alice.history(generalId)).messages.at(-1)?.replyTo).toEqual(preview);

    for (const replyToId of [parent.id + 1000, 0]) {
      const response = await bob.sendRequest(random.id, 'wrong place', { replyToId });
      expect(response.status).toBe(400);
    }
    const elsewhere = await bob.sendRequest(random.id, 'wrong place', { replyToId: parent.id });
    expect(elsewhere.status).toBe(400);
    expect(await errorOf(elsewhere)).toMatchObject({ code: 'INVALID_REPLY', message: 'You can only reply to a message in this conversation.' });
    expect(await userTexts(bob, random.id)).toEqual([]);
  });

  it('show "[deleted]" (text null, deleted true) once the parent is deleted', async () => {
    const parent = await alice.send(generalId, 'I will regret this');
    const reply = await bob.send(generalId, 'quoting it', { replyToId: parent.id });
    await alice.delete(parent.id);
    const shown = (await bob.history(generalId)).messages.find((m) => m.id === reply.id);
    expect(shown?.replyTo).toEqual({ id: parent.id, authorId: alice.id, text: null, deleted: true });
    const raw = await (await bob.http.get(`/api/conversations/${generalId}/messages`)).text();
    expect(raw).not.toContain('regret');
  });
});

describe('editing', () => {
  it('changes your own message for every viewer, with the edit time and a new seq', async () => {
    const sent = await alice.send(generalId, 'teh typo');
    await bobTab.waitFor(created(sent.id));
    const edited = await alice.edit(sent.id, 'the typo');
    expect(edited).toMatchObject({ id: sent.id, seq: sent.seq, text: 'the typo' });
    expect(edited.editedAt).toEqual(expect.any(Number));

    for (const tab of [aliceTab, bobTab]) {
      const update = await tab.waitFor(event('message.updated', (e) => e.message.id === sent.id));
      expect(update.seq).toBe(sent.seq + 1);
      expect(update.message).toEqual(edited);
    }
    expect((await bob.history(generalId)).messages.at(-1)).toEqual(edited);
    expect((await bob.history(generalId)).lastSeq).toBe(sent.seq + 1);
  });

  it('refuses other people’s messages and system messages with 403, and missing ones with 404', async () => {
    const hers = await alice.send(generalId, 'mine, not yours');
    for (const [method, body] of [
      ['PATCH', { text: 'bob was here' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await bob.request(method, `/api/messages/${hers.id}`, body);
      expect(response.status).toBe(403);
      expect(await errorOf(response)).toMatchObject({ code: 'FORBIDDEN' });
    }
    const welcome = (await alice.history(generalId)).messages.find((m) => m.kind === 'system');
    expect(welcome).toBeDefined();
    for (const user of [alice, bob]) {
      expect((await user.request('PATCH', `/api/messages/${welcome?.id}`, { text: 'rewritten history' })).status).toBe(403);
      expect((await user.request('DELETE', `/api/messages/${welcome?.id}`)).status).toBe(403);
    }
    expect((await alice.request('PATCH', '/api/messages/999999', { text: 'ghost' })).status).toBe(404);
    const page = await alice.history(generalId);
    expect(page.messages.find((m) => m.id === welcome?.id)?.text).toBe(welcome?.text);
    expect(page.messages.find((m) => m.id === hers.id)?.text).toBe('mine, not yours');
    expect(page.messages.every((m) => m.editedAt === null && m.deletedAt === null)).toBe(true);
  });
});

describe('deleting', () => {
  it('is soft: the row stays, the words are gone from history, /changes and events', async () => {
    const secret = 'my password is hunter2';
    const sent = await alice.send(generalId, secret);
    await bobTab.waitFor(created(sent.id));
    await alice.delete(sent.id);

    for (const tab of [aliceTab, bobTab]) {
      const deleted = await tab.waitFor(event('message.deleted', (e) => e.message.id === sent.id));
      expect(deleted.seq).toBe(sent.seq + 1);
      expect(deleted.message).toMatchObject({ id: sent.id, text: null, deletedAt: expect.any(Number) });
    }
    const history = await (await bob.http.get(`/api/conversations/${generalId}/messages`)).text();
    const changes = await (await bob.http.get(`/api/conversations/${generalId}/changes?after=0`)).text();
    for (const body of [history, changes]) expect(body).not.toContain('hunter2');
    const replay = (await bob.changes(generalId, sent.seq - 1)).events;
    expect(replay).toEqual([expect.objectContaining({ type: 'message.deleted', seq: sent.seq + 1, message: expect.objectContaining({ id: sent.id, text: null }) })]);

    // Kept for audit: the row is there with its author and time, without the words.
    const row = server.db.prepare('SELECT author_id, body, deleted_at, created_at FROM messages WHERE id = ?').get(sent.id);
    expect(row).toEqual({ author_id: alice.id, body: null, deleted_at: expect.any(Number), created_at: sent.createdAt });

    // Gone is gone: it cannot be edited, deleted again or resurrected by a retry of its client id.
    expect((await alice.request('PATCH', `/api/messages/${sent.id}`, { text: 'back' })).status).toBe(404);
    expect((await alice.request('DELETE', `/api/messages/${sent.id}`)).status).toBe(404);
    const retry = await alice.sendRequest(generalId, secret, { clientId: sent.clientId ?? '' });
    expect(JSON.stringify(await expectStatus(retry, 200))).not.toContain('hunter2');
  });
});

describe('history', () => {
  it('opens at the newest 50 and pages back without gaps or overlaps; a page can centre on a message', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const sent: Message[] = [];
    for (let i = 1; i <= 120; i++) sent.push(await (i % 2 ? alice : bob).send(ops.id, `message ${i}`));
    await bob.delete(sent[59]?.id ?? 0); // message 60, bob's

    const pages = [await bob.history(ops.id)];
    expect(pages[0]?.messages).toHaveLength(50);
    expect(pages[0]?.messages.at(-1)?.text).toBe('message 120');
    while (pages.at(-1)?.hasMore) pages.push(await bob.history(ops.id, `?before=${pages.at(-1)?.messages[0]?.seq}`));
    expect(pages).toHaveLength(3);
    const all = pages.reverse().flatMap((p) => p.messages);
    expect(new Set(all.map((m) => m.seq)).size).toBe(all.length);
    expect(all.map((m) => m.seq)).toEqual([...all.map((m) => m.seq)].sort((a, b) => a - b));
    // A deleted message may keep its place (text null) or be left out, but its words never come back.
    expect(all.filter((m) => m.text !== null).map((m) => m.text)).toEqual(sent.filter((_, i) => i !== 59).map((m) => m.text));
    expect(all.find((m) => m.id === sent[59]?.id)?.text ?? null).toBeNull();

    const around = await bob.history(ops.id, `?around=${sent[29]?.id}&limit=10`);
    expect(around.messages.map((m) => m.text)).toEqual(Array.from({ length: 10 }, (_, i) => `message ${i + 26}`));
    expect(around).toMatchObject({ hasMore: true, hasNewer: true });

    for (const query of ['?limit=201', '?limit=0', '?before=abc', '?after=3']) {
      expect((await bob.http.get(`/api/conversations/${ops.id}/messages${query}`)).status, query).toBe(400);
    }
  });
});
