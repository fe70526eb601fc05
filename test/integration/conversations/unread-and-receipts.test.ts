import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatUser, signUpAll } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created, event } from '../../support/ws-client.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser, carol: ChatUser;
beforeEach(async () => {
  server = await startTestServer();
  [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
});
afterEach(async () => {
  await server.close();
});

async function unread(user: ChatUser, conversationId: number): Promise<number> {
  return (await user.conversation(conversationId)).unreadCount;
}

describe('unread counts', () => {
  it('count others’ messages after your read position, never your own, deleted ones or channel notices', async () => {
    const general = await alice.channel('general');
    const [one, two] = [await alice.send(general.id, 'one'), await alice.send(general.id, 'two')];
    await alice.send(general.id, 'three');
    await bob.send(general.id, 'bob speaks');
    expect(await unread(alice, general.id)).toBe(1);
    expect(await unread(bob, general.id)).toBe(3);
    expect(await unread(carol, general.id)).toBe(4);

    await alice.delete(two.id);
    expect(await unread(bob, general.id)).toBe(2);
    // A newcomer's welcome in #general is not something to catch up on.
    await ChatUser.signUp(server.url, 'dave');
    expect(await unread(bob, general.id)).toBe(2);

    await bob.markRead(general.id, one.seq);
    expect(await unread(bob, general.id)).toBe(1);
    const listed = (await bob.conversations()).conversations.find((c) => c.id === general.id);
    expect(listed).toMatchObject({ unreadCount: 1, readSeq: one.seq });
  });

  it('work the same in private channels and DMs', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const { conversation: dm } = await bob.openDm(['carol']);
    await alice.send(ops.id, 'in ops');
    await alice.send(ops.id, 'in ops again');
    await bob.send(dm.id, 'psst');
    expect(await unread(bob, ops.id)).toBe(2);
    expect(await unread(alice, ops.id)).toBe(0);
    expect(await unread(carol, dm.id)).toBe(1);
    expect(await unread(bob, dm.id)).toBe(0);
  });
});

describe('marking as read', () => {
  it('moves forward only, is capped at the latest message, and tells the members (read receipts)', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const [aliceTab, bobLaptop, bobPhone, carolTab] = [await alice.connect(), await bob.connect(), await bob.connect(), await carol.connect()];
    const first = await alice.send(ops.id, 'did you read this?');
    const second = await alice.send(ops.id, 'and this?');

    expect(await bob.markRead(ops.id, first.seq)).toBe(first.seq);
    for (const tab of [aliceTab, bobLaptop, bobPhone]) {
      const receipt = await tab.waitFor(event('read.updated', (e) => e.userId === bob.id));
      expect(receipt).toEqual({ type: 'read.updated', conversationId: ops.id, userId: bob.id, seq: first.seq });
    }
    let page = await alice.history(ops.id);
    expect(page.readPositions).toEqual([
      { userId: alice.id, seq: 0, joinedAt: ops.createdAt },
      { userId: bob.id, seq: first.seq, joinedAt: ops.createdAt },
    ]);

    // Backwards is ignored (and announces nothing); beyond the end is capped.
    const mark = aliceTab.mark();
    expect(await bob.markRead(ops.id, 0)).toBe(first.seq);
    expect(await bob.markRead(ops.id, first.seq)).toBe(first.seq);
    expect(await bob.markRead(ops.id, second.seq + 100)).toBe(second.seq);
    // The capped move is the only one announced; the others came first, so they would be here by now.
    await aliceTab.waitFor(event('read.updated', (e) => e.userId === bob.id && e.seq === second.seq));
    expect(aliceTab.frames.slice(mark).filter((f) => f.type === 'read.updated')).toEqual([
      { type: 'read.updated', conversationId: ops.id, userId: bob.id, seq: second.seq },
    ]);
    page = await alice.history(ops.id);
    expect(page.readPositions.find((p) => p.userId === bob.id)?.seq).toBe(second.seq);
    expect(await unread(bob, ops.id)).toBe(0);

    // Carol is not in ops: no receipts for her.
    const general = await alice.channel('general');
    const marker = await alice.send(general.id, 'marker');
    await carolTab.expectNothingBefore(event('read.updated', (e) => e.conversationId === ops.id), created(marker.id));
  });

  it('goes to the authors of what was read and the reader, not to every member of a public channel', async () => {
    const general = await alice.channel('general');
    const [aliceTab, bobTab, carolTab] = [await alice.connect(), await bob.connect(), await carol.connect()];
    const sent = await alice.send(general.id, 'hello all');
    await bob.markRead(general.id, sent.seq);
    const receipt = event('read.updated', (e) => e.conversationId === general.id && e.userId === bob.id && e.seq === sent.seq);
    for (const tab of [aliceTab, bobTab]) await tab.waitFor(receipt);
    // Carol wrote nothing Bob read: her view has no receipt to change.
    const marker = await alice.send(general.id, 'marker');
    await carolTab.expectNothingBefore(receipt, created(marker.id));

    // Once Bob reads past a message of hers, she is told.
    const fromCarol = await carol.send(general.id, 'me too');
    await bob.markRead(general.id, fromCarol.seq);
    await carolTab.waitFor(event('read.updated', (e) => e.userId === bob.id && e.seq === fromCarol.seq));
  });

  it('refuses a negative or missing seq', async () => {
    const general = await alice.channel('general');
    for (const body of [{ seq: -1 }, {}, { seq: '3' }]) {
      const response = await alice.http.post(`/api/conversations/${general.id}/read`, body);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('VALIDATION_FAILED');
    }
  });
});
