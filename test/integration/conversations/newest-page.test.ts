import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChatUser, expectStatus, signUpAll } from '../../support/chat-user.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser, carol: ChatUser;
beforeEach(async () => {
  server = await startTestServer();
  [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
});
afterEach(async () => {
  await server.close();
});

/**
 * The newest page is kept in memory between openings of a conversation; `?before=` past the end is the same page
 * read from the database each time, so the two must agree after every kind of write.
 */
async function expectCurrent(viewer: ChatUser, conversationId: number): Promise<void> {
  const kept = await viewer.history(conversationId);
  const read = await viewer.history(conversationId, `?before=${Number.MAX_SAFE_INTEGER}`);
  expect(kept).toEqual(read);
}

describe('the newest page of a conversation', () => {
  it('follows sends, replies, edits, reactions, pins and deletions, in this conversation only', async () => {
    const general = await alice.channel('general');
    const first = await alice.send(general.id, 'first');
    await expectCurrent(bob, general.id);
    await expectCurrent(bob, general.id);

    const reply = await bob.send(general.id, 'a reply', { replyToId: first.id });
    await expectCurrent(alice, general.id);
    await alice.edit(first.id, 'first, edited');
    await expectCurrent(bob, general.id);
    expect((await bob.history(general.id)).messages.find((m) => m.id === reply.id)?.replyTo?.text).toBe('first, edited');

    await expectStatus(await carol.request('PUT', `/api/messages/${first.id}/reactions/${encodeURIComponent('👍')}`), 200);
    await expectCurrent(bob, general.id);
    await expectStatus(await carol.request('PUT', `/api/messages/${reply.id}/pin`), 200);
    await expectCurrent(bob, general.id);
    await alice.delete(first.id);
    await expectCurrent(bob, general.id);
    expect((await bob.history(general.id)).messages.map((m) => m.id)).not.toContain(first.id);

    // A write elsewhere leaves this page as it was; and the page of the other conversation follows its own writes.
    const dm = (await alice.openDm(['bob'])).conversation;
    await alice.send(dm.id, 'psst');
    await expectCurrent(bob, general.id);
    await expectCurrent(bob, dm.id);
    await bob.send(dm.id, 'yes?');
    await expectCurrent(alice, dm.id);
  });

  it('is cut where a late joiner of a private channel starts seeing it, for them only', async () => {
    const team = await alice.createPrivateChannel('team', ['bob']);
    for (const text of ['one', 'two', 'three']) await alice.send(team.id, text);
    await expectCurrent(alice, team.id);
    await alice.addMember(team.id, 'carol');
    await alice.send(team.id, 'welcome carol');
    await expectCurrent(alice, team.id);
    await expectCurrent(carol, team.id);
    expect((await carol.history(team.id)).messages.map((m) => m.text)).not.toContain('two');
    expect((await alice.history(team.id)).messages.map((m) => m.text)).toContain('two');
    await expectCurrent(bob, team.id);
  });
});
