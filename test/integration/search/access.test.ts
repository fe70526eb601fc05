import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatUser, signUpAll } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { found, search, searchRequest } from './search-client.js';

let server: TestServer | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe('search never shows what the searcher may not read', () => {
  it('not another pair\'s DM, not a private channel one is not in, whatever the query', async () => {
    server = await startTestServer();
    const [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const dm = (await alice.openDm(['bob'])).conversation;
    await alice.send(ops.id, 'zanzibar launch codes in ops');
    await alice.send(dm.id, 'zanzibar launch codes in the dm');
    const everything = ['zanzibar launch codes in the dm', 'zanzibar launch codes in ops'];
    expect(await found(bob, 'zanzibar')).toEqual(everything);
    for (const q of ['zanzibar', 'zanzi', 'zanzibra', '"launch codes"', 'from:@alice', 'from:@alice zanzibar', 'codes -nothing', 'launch after:2000-01-01']) {
      expect(await found(carol, q), q).toEqual([]);
    }
    // Naming their conversations gets the same answer as naming ones that do not exist.
    const named = await searchRequest(carol, 'zanzibar in:ops');
    expect(await errorOf(named)).toEqual({ code: 'INVALID_SEARCH', message: 'You have no channel named "ops".' });
    const dmNamed = await searchRequest(carol, 'zanzibar in:@bob');
    expect(await errorOf(dmNamed)).toEqual({ code: 'INVALID_SEARCH', message: 'You have no direct messages with bob.' });
  });

  it('nothing from before one joined a private channel, and nothing after leaving it', async () => {
    server = await startTestServer();
    const [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const early = await alice.send(ops.id, 'quokka plan, before carol');
    await alice.addMember(ops.id, 'carol');
    await bob.send(ops.id, 'quokka plan, after carol', { replyToId: early.id });
    expect(await found(carol, 'quokka')).toEqual(['quokka plan, after carol']);
    expect(await found(carol, 'before carol')).toEqual([]);
    expect(await found(carol, 'quokka in:ops')).toEqual(['quokka plan, after carol']);
    // The result shows the reply as Carol sees it in the channel: the earlier parent withheld.
    const [hit] = (await search(carol, 'quokka')).results;
    expect(hit?.message.replyTo).toEqual({ id: early.id, authorId: null, text: null, deleted: false });
    expect((await search(bob, 'after carol')).results[0]?.message.replyTo).toMatchObject({ authorId: alice.id, text: 'quokka plan, before carol' });

    await carol.leave(ops.id);
    expect(await found(carol, 'quokka')).toEqual([]);
    expect(await found(alice, 'quokka')).toEqual(['quokka plan, after carol', 'quokka plan, before carol']);
  });

  it('nothing from a public channel removed from settings, until it comes back', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'minimost-search-'));
    server = await startTestServer({ channels: ['general', 'random'] }, { dataDir });
    const [alice] = await signUpAll(server.url, 'alice', 'bob');
    await alice.send((await alice.channel('random')).id, 'okapi sighting in random');
    await alice.send((await alice.channel('general')).id, 'okapi sighting in general');

    await server.close();
    server = await startTestServer({ channels: ['general'] }, { dataDir });
    const bob = await ChatUser.logIn(server.url, 'bob');
    expect(await found(bob, 'okapi')).toEqual(['okapi sighting in general']);
    expect(await errorOf(await searchRequest(bob, 'okapi in:random'))).toMatchObject({ message: 'You have no channel named "random".' });

    await server.close();
    server = await startTestServer({ channels: ['general', 'random'] }, { dataDir });
    const again = await ChatUser.logIn(server.url, 'bob');
    expect(await found(again, 'okapi')).toEqual(['okapi sighting in general', 'okapi sighting in random']);
  });

  it('own DMs, closed or not, and public channels joined later with their whole history', async () => {
    server = await startTestServer();
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const dm = (await alice.openDm(['bob'])).conversation;
    await alice.send(dm.id, 'wombat notes for bob');
    await alice.send((await alice.channel('general')).id, 'wombat notes for everyone');
    await bob.closeDm(dm.id);
    expect(await found(bob, 'wombat')).toEqual(['wombat notes for everyone', 'wombat notes for bob']);
    const [dave] = await signUpAll(server.url, 'dave');
    expect(await found(dave, 'wombat')).toEqual(['wombat notes for everyone']);
  });
});
