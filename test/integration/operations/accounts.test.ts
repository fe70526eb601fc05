import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/shared/protocol/conversations.js';
import type { Message } from '../../../src/shared/protocol/messages.js';
import { startCliServer } from '../../support/cli.js';
import { ChatUser, connectAll, expectStatus, signUpAll } from '../../support/chat-user.js';
import { errorOf, HttpClient, STRONG_PASSWORD } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { event, type WsClient } from '../../support/ws-client.js';
import { found } from '../search/search-client.js';
import { admin, expectExit, within } from './support.js';

describe('deleting your own account', () => {
  let server: TestServer;
  let alice: ChatUser, bob: ChatUser;
  let aliceTab: WsClient, bobTab: WsClient;
  let general: Conversation, ops: Conversation, dm: Conversation;
  let hello: Message;

  beforeEach(async () => {
    server = await startTestServer();
    [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    general = await alice.channel('general');
    hello = await alice.send(general.id, 'hello from alice');
    ops = await alice.createPrivateChannel('ops', ['bob']);
    await alice.send(ops.id, 'the private plan');
    dm = (await alice.openDm(['bob'])).conversation;
    await alice.send(dm.id, 'just between us');
    [aliceTab, bobTab] = await connectAll(alice, bob);
  });
  afterEach(async () => {
    await bobTab.close();
    await server.close();
  });

  const deleteAccount = (user: ChatUser, password: string, mode: 'soft' | 'hard') => user.request('DELETE', '/api/account', { password, mode });

  /** The same name signed up again is a new person: public channels only, nothing of the old account's. */
  async function expectNewPersonUnderSameName(): Promise<ChatUser> {
    const again = await ChatUser.signUp(server.url, 'alice');
    expect(again.id).toBeGreaterThan(bob.id);
    const { conversations } = await again.conversations();
    expect(conversations.map((c) => c.kind)).toEqual(['public', 'public']);
    for (const id of [ops.id, dm.id]) {
      expect((await again.http.get(`/api/conversations/${id}/messages`)).status).toBe(404);
      expect((await again.sendRequest(id, 'let me in')).status).toBe(404);
    }
    return again;
  }

  it('needs the password, and refuses anything but soft or hard', async () => {
    const wrong = await deleteAccount(alice, 'Wrong-Password-1', 'soft');
    expect(wrong.status).toBe(403);
    expect(await errorOf(wrong)).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect((await alice.request('DELETE', '/api/account', { password: STRONG_PASSWORD, mode: 'everything' })).status).toBe(400);
    expect((await new HttpClient(server.url).request('DELETE', '/api/account', { body: { password: STRONG_PASSWORD, mode: 'soft' } })).status).toBe(403);
    expect((await alice.http.get('/api/conversations')).status).toBe(200);
    expect(readFileSync(server.auditFile, 'utf8')).toMatch(/"event":"account.deleted","outcome":"failure"/);
  });

  it('soft: messages stay, shown as from a deleted user; sessions and sockets end; the name is free', async () => {
    const laptop = await ChatUser.logIn(server.url, 'alice');
    expect((await deleteAccount(alice, STRONG_PASSWORD, 'soft')).status).toBe(204);
    expect(await within(3_000, 'closing alice\'s socket', aliceTab.closed)).toMatchObject({ code: 4401 });
    expect((await alice.http.get('/api/conversations')).status).toBe(401);
    expect((await laptop.http.get('/api/conversations')).status).toBe(401);
    expect((await new HttpClient(server.url).logIn('alice')).status).toBe(401);

    const { users } = await bob.conversations();
    expect(users.find((u) => u.id === alice.id)).toEqual({ id: alice.id, username: 'Deleted user', deleted: true, avatarVersion: null, colour: null });
    expect(users.find((u) => u.id === bob.id)).toEqual({ id: bob.id, username: 'bob', deleted: false, avatarVersion: null, colour: null });
    expect((await bob.history(general.id)).messages.find((m) => m.id === hello.id)).toMatchObject({ authorId: alice.id, text: 'hello from alice' });
    expect((await bob.history(dm.id)).messages.map((m) => m.text)).toEqual(['just between us']);

    await expectNewPersonUnderSameName();
    expect(readFileSync(server.auditFile, 'utf8')).toMatch(/"event":"account.deleted","outcome":"success","userId":\d+,"username":"alice".*"detail":"soft: messages kept"/);
  });

  it('hard: their messages go everywhere, live and in replay; replies show the parent as deleted', async () => {
    const reply = await bob.send(general.id, 'replying to alice', { replyToId: hello.id });
    const seqBefore = (await bob.conversation(general.id)).lastSeq;
    expect((await deleteAccount(alice, STRONG_PASSWORD, 'hard')).status).toBe(204);
    expect(await within(3_000, 'closing alice\'s socket', aliceTab.closed)).toMatchObject({ code: 4401 });

    // Bob's open tab hears of it (the newest deletion per conversation; the rest through /changes).
    await bobTab.waitFor(event('message.deleted', (e) => e.conversationId === general.id && e.message.id === hello.id));
    await bobTab.waitFor(event('message.deleted', (e) => e.conversationId === dm.id));
    const replay = await bob.changes(general.id, seqBefore);
    expect(replay.events).toEqual([expect.objectContaining({ type: 'message.deleted', message: expect.objectContaining({ id: hello.id, text: null }) })]);

    const page = await bob.history(general.id);
    expect(page.messages.some((m) => m.authorId === alice.id)).toBe(false);
    expect(page.messages.find((m) => m.id === reply.id)?.replyTo).toMatchObject({ id: hello.id, text: null, deleted: true });
    expect((await bob.history(ops.id)).messages.map((m) => m.text)).not.toContain('the private plan');
    expect((await bob.history(dm.id)).messages).toEqual([]);
    expect(await found(bob, 'hello')).toEqual([]);
    expect(await found(bob, 'between')).toEqual([]);
    expect(JSON.stringify(server.db.prepare('SELECT body FROM messages WHERE author_id = ?').all(alice.id))).not.toMatch(/alice|plan|between/);

    const again = await expectNewPersonUnderSameName();
    expect((await again.history(general.id)).messages.map((m) => m.text)).not.toContain('hello from alice');
  });
});

describe('closed sign-ups', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'minimost-signup-')), 'data');
  });
  afterEach(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it('refuse sign-ups with 403, tell the web app, take effect without a restart, and leave adding people to the admin', async () => {
    const server = await startCliServer(['--data-dir', dataDir, '--http', '--host', '127.0.0.1', '--port', '0', '--no-stun']);
    try {
      const file = path.join(dataDir, 'settings.json');
      const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      expect(settings.signup).toBe('open');
      const session = async () => expectStatus<{ signup: string }>(await new HttpClient(server.url).get('/api/session'), 200);
      expect((await session()).signup).toBe('open');

      writeFileSync(file, JSON.stringify({ ...settings, signup: 'closed' }, null, 2));
      expect((await session()).signup).toBe('closed');
      // The log line was written before the answer, but reaches us through a pipe of its own.
      await expect.poll(server.output).toMatch(/"applied":\["signup"\],"needRestart":\[\],"msg":"settings.json changed"/);
      const refused = await new HttpClient(server.url).signUp('mallory');
      expect(refused.status).toBe(403);
      expect(await errorOf(refused)).toEqual({ code: 'SIGNUP_CLOSED', message: 'Sign-ups are closed on this server. Ask your admin to create an account for you.' });

      // A broken edit is reported in the log and changes nothing.
      writeFileSync(file, JSON.stringify({ ...settings, signup: 'maybe' }, null, 2));
      expect((await session()).signup).toBe('closed');
      await expect.poll(server.output).toContain('invalid \\"signup\\" in settings.json: expected one of \\"open\\", \\"closed\\", got \\"maybe\\"; keeping the previous settings');

      // The admin's commands read the same file, and refuse it while it is broken.
      expect(expectExit(await admin(dataDir, 'users', 'list'), 2).stderr).toMatch(/^minimost: invalid "signup" in settings.json/);
      writeFileSync(file, JSON.stringify({ ...settings, signup: 'closed' }, null, 2));
      const added = expectExit(await admin(dataDir, 'users', 'add', 'erin', '--public-url', server.url), 0);
      const token = /#token=(\S+)/.exec(added.stdout)?.[1];
      const page = new HttpClient(server.url);
      await page.boot();
      await expectStatus(await page.post('/api/auth/reset-password', { token, password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD }), 204);
      expect((await ChatUser.logIn(server.url, 'erin')).username).toBe('erin');

      writeFileSync(file, JSON.stringify({ ...settings, signup: 'open' }, null, 2));
      expect((await new HttpClient(server.url).signUp('mallory')).status).toBe(201);
    } finally {
      await server.stop();
    }
  });
});
