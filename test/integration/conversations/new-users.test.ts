import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCliServer } from '../../support/cli.js';
import { ChatUser, signUpAll } from '../../support/chat-user.js';
import { HttpClient } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created, event } from '../../support/ws-client.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a new user', () => {
  it('sees the whole public history with nothing unread, and is greeted in the first public channel', async () => {
    server = await startTestServer({ channels: ['random', 'general'] });
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const general = await alice.channel('general');
    const random = await alice.channel('random');
    for (let i = 1; i <= 3; i++) await alice.send(general.id, `old news ${i}`);
    await bob.send(random.id, 'random chatter');
    const aliceTab = await alice.connect();

    const carol = await ChatUser.signUp(server.url, 'carol');

    const { conversations } = await carol.conversations();
    expect(conversations.map((c) => [c.name, c.unreadCount])).toEqual([
      ['random', 0],
      ['general', 0],
    ]);
    // The read position is where each channel stood at sign-up: random's last seq is carol's own welcome.
    expect(conversations.map((c) => [c.readSeq, c.lastSeq])).toEqual([
      [3, 4],
      [3, 3],
    ]);
    const history = await carol.history(general.id);
    expect(history.messages.filter((m) => m.kind === 'user').map((m) => m.text)).toEqual(['old news 1', 'old news 2', 'old news 3']);

    // The greeting is in the first channel of the settings (random), from MiniMost, seen live by the others.
    const welcome = await aliceTab.waitFor(event('message.created', (e) => e.message.kind === 'system' && (e.message.text ?? '').includes('carol')));
    expect(welcome.conversationId).toBe(random.id);
    expect(welcome.message.authorId).toBeNull();
    expect(welcome.message.text).toMatch(/welcome/i);
    const randomPage = await carol.history(random.id);
    expect(randomPage.messages.at(-1)).toMatchObject({ id: welcome.message.id, kind: 'system' });
    expect((await carol.history(general.id)).messages.some((m) => (m.text ?? '').includes('Welcome'))).toBe(false);

    // Only what comes after sign-up counts as unread.
    await alice.send(general.id, 'fresh news');
    expect((await carol.channel('general')).unreadCount).toBe(1);
  });

  it('is announced to everyone connected with user.created', async () => {
    server = await startTestServer();
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const tabs = [await alice.connect(), await bob.connect(), await bob.connect()];
    const carol = await ChatUser.signUp(server.url, 'Carol');
    for (const tab of tabs) {
      expect(await tab.waitFor(event('user.created'))).toEqual({ type: 'user.created', user: { id: carol.id, username: 'Carol' } });
    }
    expect((await alice.conversations()).users.map((u) => u.username)).toContain('Carol');
  });
});

describe('the reset-password command', () => {
  let dataDir: string | undefined;
  afterEach(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  it('posts a notice from MiniMost to that user only', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'minimost-reset-'));
    const running = await startCliServer(['--data-dir', dataDir, '--http', '--host', '127.0.0.1', '--port', '0', '--no-stun']);
    try {
      const [alice, bob] = await signUpAll(running.url, 'alice', 'bob');
      const result = await runCli(['reset-password', 'alice', '--data-dir', dataDir, '--public-url', running.url]);
      expect(result.code, result.stderr).toBe(0);

      const { conversations } = await alice.conversations();
      const notices = conversations.find((c) => c.kind === 'dm' && c.name === 'MiniMost');
      expect(notices).toBeDefined();
      expect(notices?.memberIds).toEqual([alice.id]);
      expect(notices?.unreadCount).toBe(1);
      const page = await alice.history(notices?.id ?? 0);
      expect(page.messages).toHaveLength(1);
      expect(page.messages[0]).toMatchObject({ kind: 'system', authorId: null });
      expect(page.messages[0]?.text).toMatch(/^A password reset was requested for your account/);

      // Bob neither sees nor reaches it.
      expect((await bob.conversations()).conversations.some((c) => c.name === 'MiniMost')).toBe(false);
      expect((await bob.http.get(`/api/conversations/${notices?.id}/messages`)).status).toBe(404);
    } finally {
      await running.stop();
    }
  });
});

describe('a password reset requested while the server runs', () => {
  it('reaches her open tabs at once, no one else’s, and using the link closes all her sockets with 4401', async () => {
    server = await startTestServer();
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const [laptop, phone, bobTab] = [await alice.connect(), await alice.connect(), await bob.connect()];

    const { token } = await server.app.auth.issueResetToken('alice', 30);
    for (const tab of [laptop, phone]) {
      const appeared = await tab.waitFor(event('conversation.updated', (e) => e.conversation.name === 'MiniMost'));
      expect(appeared.conversation).toMatchObject({ kind: 'dm', memberIds: [alice.id] });
      const notice = await tab.waitFor(event('message.created', (e) => e.conversationId === appeared.conversation.id));
      expect(notice.message).toMatchObject({ kind: 'system', authorId: null });
      expect(notice.message.text).toMatch(/^A password reset was requested for your account/);
    }
    const general = await alice.channel('general');
    const marker = await alice.send(general.id, 'marker');
    await bobTab.expectNothingBefore((f) => f.type === 'conversation.updated' || (f.type === 'message.created' && f.message.kind === 'system'), created(marker.id));

    const password = 'Reset-Worked-99';
    const resetPage = new HttpClient(server.url);
    await resetPage.boot();
    expect((await resetPage.post('/api/auth/reset-password', { token, password, confirmPassword: password })).status).toBe(204);
    for (const tab of [laptop, phone]) expect((await tab.closed).code).toBe(4401);
    expect(bobTab.isOpen).toBe(true);
  });
});
