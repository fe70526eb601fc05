import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectAll, signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { about, created, event } from '../../support/ws-client.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser, carol: ChatUser, dave: ChatUser;
beforeEach(async () => {
  server = await startTestServer();
  [alice, bob, carol, dave] = await signUpAll(server.url, 'alice', 'Bob', 'carol', 'dave');
});
afterEach(async () => {
  await server.close();
});

describe('opening a direct message', () => {
  it('the same set of people always lands in the same conversation, whatever the order and casing', async () => {
    const first = await alice.openDm(['bob']);
    expect(first.created).toBe(true);
    expect(first.conversation).toMatchObject({ kind: 'dm', name: null, memberIds: [alice.id, bob.id] });
    for (const [who, names] of [
      [bob, ['ALICE']],
      [alice, ['@Bob']],
      [alice, ['bob', 'alice']],
      [bob, ['bob', 'Alice', 'alice']],
    ] as const) {
      const again = await who.openDm([...names]);
      expect(again.created, `${who.username} ${names.join(',')}`).toBe(false);
      expect(again.conversation.id).toBe(first.conversation.id);
    }

    const group = await alice.openDm(['carol', 'bob']);
    expect(group.created).toBe(true);
    expect(group.conversation.id).not.toBe(first.conversation.id);
    expect(group.conversation.memberIds).toEqual([alice.id, bob.id, carol.id]);
    for (const [who, names] of [
      [carol, ['Bob', 'alice']],
      [bob, ['carol', 'ALICE', 'carol']],
    ] as const) {
      const again = await who.openDm([...names]);
      expect(again).toMatchObject({ created: false, conversation: { id: group.conversation.id } });
    }
    // A different set is a different conversation.
    const bigger = await alice.openDm(['bob', 'carol', 'dave']);
    expect(bigger.created).toBe(true);
    expect(new Set([first.conversation.id, group.conversation.id, bigger.conversation.id]).size).toBe(3);
  });

  it('appears at once for everyone in it and for no one else', async () => {
    const [aliceTab, bobTab, carolTab, daveTab] = await connectAll(alice, bob, carol, dave);
    const { conversation } = await alice.openDm(['bob', 'carol']);
    for (const tab of [aliceTab, bobTab, carolTab]) {
      const update = await tab.waitFor(event('conversation.updated', (e) => e.conversation.id === conversation.id));
      expect(update.conversation.memberIds).toEqual([alice.id, bob.id, carol.id]);
    }
    const sent = await carol.send(conversation.id, 'hi both');
    for (const tab of [aliceTab, bobTab]) await tab.waitFor(created(sent.id));

    const general = await alice.channel('general');
    const marker = await alice.send(general.id, 'marker');
    await daveTab.expectNothingBefore(about(conversation.id), created(marker.id));
    expect((await dave.conversations()).conversations.some((c) => c.id === conversation.id)).toBe(false);
  });

  it('refuses unknown people and an empty list', async () => {
    const unknown = await alice.http.post('/api/conversations/dm', { members: ['bob', 'nobody'] });
    expect(unknown.status).toBe(400);
    expect(await errorOf(unknown)).toMatchObject({ code: 'UNKNOWN_USER', message: 'No user named "nobody".', details: { unknown: ['nobody'] } });
    const empty = await alice.http.post('/api/conversations/dm', { members: [] });
    expect(empty.status).toBe(400);
    expect((await alice.conversations()).conversations.filter((c) => c.kind === 'dm')).toEqual([]);
  });
});

describe('closing a direct message', () => {
  it('hides it from the closer only, until the next message brings it back', async () => {
    const { conversation: dm } = await alice.openDm(['bob']);
    await bob.send(dm.id, 'first');
    const [aliceLaptop, alicePhone, bobTab] = [await alice.connect(), await alice.connect(), await bob.connect()];

    await alice.closeDm(dm.id);
    for (const tab of [aliceLaptop, alicePhone]) {
      expect(await tab.waitFor(event('conversation.removed'))).toEqual({ type: 'conversation.removed', conversationId: dm.id });
    }
    expect((await alice.conversations()).conversations.some((c) => c.id === dm.id)).toBe(false);
    expect((await bob.conversations()).conversations.some((c) => c.id === dm.id)).toBe(true);
    // Closed is not gone: the history is still there for her.
    expect((await alice.history(dm.id)).messages.map((m) => m.text)).toEqual(['first']);

    const mark = aliceLaptop.mark();
    const sent = await bob.send(dm.id, 'are you there?');
    for (const tab of [aliceLaptop, alicePhone]) {
      const back = await tab.waitFor(event('conversation.updated', (e) => e.conversation.id === dm.id));
      expect(back.conversation.unreadCount).toBe(2);
      await tab.waitFor(created(sent.id));
    }
    // The conversation comes back before the message that belongs in it.
    const order = aliceLaptop.frames.slice(mark).map((f) => f.type);
    expect(order.indexOf('conversation.updated')).toBeLessThan(order.indexOf('message.created'));
    const listed = (await alice.conversations()).conversations.find((c) => c.id === dm.id);
    expect(listed?.unreadCount).toBe(2);

    // Bob never closed it, so he is not told it "reappeared"; the closed-event was Alice's alone.
    await bobTab.waitFor(created(sent.id));
    expect(bobTab.received(event('conversation.removed'))).toEqual([]);
    expect(bobTab.received(event('conversation.updated', (e) => e.conversation.id === dm.id))).toEqual([]);
  });

  it('in a group DM, one person closing changes nothing for the others; their next message reopens it', async () => {
    const { conversation: group } = await alice.openDm(['bob', 'carol']);
    const carolTab = await carol.connect();
    await carol.closeDm(group.id);
    await carolTab.waitFor(event('conversation.removed', (e) => e.conversationId === group.id));
    expect((await bob.conversations()).conversations.some((c) => c.id === group.id)).toBe(true);
    expect((await alice.conversations()).conversations.some((c) => c.id === group.id)).toBe(true);

    await alice.send(group.id, 'lunch?');
    await carolTab.waitFor(event('conversation.updated', (e) => e.conversation.id === group.id));
    expect((await carol.conversations()).conversations.some((c) => c.id === group.id)).toBe(true);
  });

  it('reopens when the closer opens it again or writes in it, without telling the others', async () => {
    const { conversation: dm } = await alice.openDm(['bob']);
    await alice.closeDm(dm.id);
    const again = await alice.openDm(['bob']);
    expect(again).toMatchObject({ created: false, conversation: { id: dm.id } });
    expect((await alice.conversations()).conversations.some((c) => c.id === dm.id)).toBe(true);

    await alice.closeDm(dm.id);
    await alice.send(dm.id, 'writing into a closed DM');
    expect((await alice.conversations()).conversations.some((c) => c.id === dm.id)).toBe(true);
  });

  it('only DMs close; channels are left instead', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const general = await alice.channel('general');
    for (const id of [ops.id, general.id]) {
      const response = await alice.http.post(`/api/conversations/${id}/close`);
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe('FORBIDDEN');
    }
    expect((await alice.conversations()).conversations.map((c) => c.name)).toEqual(['general', 'random', 'ops']);
  });
});
