import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { found, marked, search } from './search-client.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser;
let general: number;

beforeAll(async () => {
  server = await startTestServer();
  [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
  general = (await alice.channel('general')).id;
});
afterAll(async () => {
  await server.close();
});

describe('the index follows every change at once', () => {
  it('a deleted message is gone from search by any of its words, substrings or near misses', async () => {
    const secret = await alice.send(general, 'the vault password is marmalade42');
    await alice.send(general, 'the vault door is green');
    expect(await found(bob, 'marmalade')).toEqual(['the vault password is marmalade42']);
    await alice.delete(secret.id);
    for (const q of ['marmalade42', 'marmalade', 'malad', 'marmelade', '"password is"', 'password', 'from:@alice password']) {
      expect(await found(bob, q), q).toEqual([]);
      expect(await found(alice, q), q).toEqual([]);
    }
    expect(await found(bob, 'vault')).toEqual(['the vault door is green']);
  });

  it('an edit is found by its new words, and no longer by the old ones', async () => {
    const message = await alice.send(general, 'release on tusday');
    expect(await found(bob, 'tusday')).toEqual(['release on tusday']);
    await alice.edit(message.id, 'release on thursday');
    expect(await found(bob, 'tusday')).toEqual([]);
    expect(await found(bob, '"on tusday"')).toEqual([]);
    const { results } = await search(bob, 'thursday');
    expect(results.map((r) => [r.message.id, r.message.text, r.message.editedAt !== null])).toEqual([[message.id, 'release on thursday', true]]);
    expect(marked(results[0]!.snippet)).toBe('release on [thursday]');
  });

  it('a new message is found as soon as it is acknowledged', async () => {
    const sent = await Promise.all(Array.from({ length: 20 }, (_, i) => alice.send(general, `burst ${i} of capybaras`)));
    expect((await search(bob, 'capybaras')).results.map((r) => r.message.id).sort((a, b) => a - b)).toEqual(sent.map((m) => m.id).sort((a, b) => a - b));
  });
});
