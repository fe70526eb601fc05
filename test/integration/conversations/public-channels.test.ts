import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatUser, connectAll, expectStatus, signUpAll } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created } from '../../support/ws-client.js';

let server: TestServer | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/** Restarts MiniMost on the same data folder with other settings, as an admin editing settings.json would. */
async function restartWith(channels: string[]): Promise<TestServer> {
  await server?.close();
  dataDir ??= mkdtempSync(path.join(os.tmpdir(), 'minimost-channels-'));
  server = await startTestServer({ channels }, { dataDir });
  return server;
}

describe('public channels come from settings', () => {
  it('are listed in the settings order, before private channels and DMs, with no member list', async () => {
    server = await startTestServer({ channels: ['random', 'general', 'announcements'] });
    const [alice] = await signUpAll(server.url, 'alice', 'bob');
    await alice.createPrivateChannel('aaa-private', ['bob']);
    await alice.openDm(['bob']);
    const { conversations, users } = await alice.conversations();
    expect(conversations.map((c) => [c.kind, c.name])).toEqual([
      ['public', 'random'],
      ['public', 'general'],
      ['public', 'announcements'],
      ['private', 'aaa-private'],
      ['dm', null],
    ]);
    for (const c of conversations.filter((c) => c.kind === 'public')) expect(c.memberIds).toEqual([]);
    expect(users.map((u) => u.username)).toEqual(['alice', 'bob']);
  });

  it('every user reads and posts in every one of them, and every connected user sees it live', async () => {
    server = await startTestServer({ channels: ['general', 'random'] });
    const [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
    const tabs = await connectAll(alice, bob, carol);
    for (const [author, name] of [
      [alice, 'general'],
      [carol, 'random'],
    ] as const) {
      const channel = await author.channel(name);
      const sent = await author.send(channel.id, `hello ${name} from ${author.username}`);
      for (const tab of tabs) expect((await tab.waitFor(created(sent.id))).message.text).toBe(`hello ${name} from ${author.username}`);
      for (const reader of [alice, bob, carol]) {
        const page = await reader.history(channel.id);
        expect(page.messages.map((m) => m.text)).toContain(`hello ${name} from ${author.username}`);
      }
    }
  });

  it('a channel removed from settings is hidden (404) but keeps its history for when it comes back', async () => {
    await restartWith(['general', 'random', 'ops']);
    const alice = await ChatUser.signUp(server!.url, 'alice');
    const ops = await alice.channel('ops');
    await alice.send(ops.id, 'the ops runbook lives here');

    await restartWith(['general', 'random']);
    const aliceAgain = await ChatUser.logIn(server!.url, 'alice');
    expect((await aliceAgain.conversations()).conversations.map((c) => c.name)).toEqual(['general', 'random']);
    for (const response of [
      await aliceAgain.http.get(`/api/conversations/${ops.id}`),
      await aliceAgain.http.get(`/api/conversations/${ops.id}/messages`),
      await aliceAgain.http.get(`/api/conversations/${ops.id}/changes?after=0`),
      await aliceAgain.sendRequest(ops.id, 'anyone?'),
    ]) {
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('NOT_FOUND');
    }
    // Someone who signs up while it is hidden still gets it when it returns.
    await ChatUser.signUp(server!.url, 'dave');

    await restartWith(['ops', 'general']);
    for (const name of ['alice', 'dave']) {
      const person = await ChatUser.logIn(server!.url, name);
      const { conversations } = await person.conversations();
      expect(conversations.map((c) => c.name)).toEqual(['ops', 'general']);
      expect(conversations[0]?.id).toBe(ops.id);
      const page = await person.history(ops.id);
      expect(page.messages.map((m) => m.text)).toContain('the ops runbook lives here');
      await expectStatus(await person.sendRequest(ops.id, `${name} is back in ops`), 201);
    }
  });
});
