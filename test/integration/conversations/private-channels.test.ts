import type { ServerEvent } from '../../../src/shared/protocol/events.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectAll, expectStatus, signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { about, created, event, type WsClient } from '../../support/ws-client.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser, carol: ChatUser, dave: ChatUser;
let aliceTab: WsClient, bobTab: WsClient, carolTab: WsClient, daveTab: WsClient;
let generalId: number;

beforeEach(async () => {
  server = await startTestServer();
  [alice, bob, carol, dave] = await signUpAll(server.url, 'alice', 'bob', 'carol', 'dave');
  [aliceTab, bobTab, carolTab, daveTab] = await connectAll(alice, bob, carol, dave);
  generalId = (await alice.channel('general')).id;
});
afterEach(async () => {
  await server.close();
});

/** Posts in #general, which everyone receives: once an outsider has it, anything sent before it would be there too. */
async function everyoneMarker(): Promise<(frame: ServerEvent) => boolean> {
  const marker = await alice.send(generalId, `marker ${Math.random()}`);
  return created(marker.id);
}

function systemMessage(conversationId: number, text: string) {
  return event('message.created', (e) => e.conversationId === conversationId && e.message.kind === 'system' && e.message.text === text);
}

describe('creating a private channel', () => {
  it('adds the named people (any casing, with or without @) and tells only them', async () => {
    const ops = await alice.createPrivateChannel('  ops  ', ['Bob', '@carol']);
    expect(ops).toMatchObject({ kind: 'private', name: 'ops', memberIds: [alice.id, bob.id, carol.id], unreadCount: 0 });

    for (const tab of [aliceTab, bobTab, carolTab]) {
      const update = await tab.waitFor(event('conversation.updated', (e) => e.conversation.id === ops.id));
      expect(update.conversation).toMatchObject({ kind: 'private', name: 'ops', memberIds: [alice.id, bob.id, carol.id] });
    }
    for (const member of [alice, bob, carol]) expect((await member.channel('ops')).id).toBe(ops.id);

    await daveTab.expectNothingBefore(about(ops.id), await everyoneMarker());
    expect((await dave.conversations()).conversations.some((c) => c.id === ops.id)).toBe(false);
  });

  it('refuses unknown people with a message naming them, and creates nothing', async () => {
    const response = await alice.http.post('/api/conversations/private', { name: 'ops', members: ['bob', 'zed', 'ghost'] });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('UNKNOWN_USER');
    expect(error.message).toBe('No user named "zed", "ghost".');
    expect(error.details).toEqual({ unknown: ['zed', 'ghost'] });
    expect((await alice.conversations()).conversations.filter((c) => c.kind === 'private')).toEqual([]);
    await bobTab.expectNothingBefore(event('conversation.updated'), await everyoneMarker());
  });

  it('takes a name of 1 to 80 characters after trimming, stored as typed', async () => {
    for (const name of ['   ', 'x'.repeat(81), 'tab\tin name']) {
      const response = await alice.http.post('/api/conversations/private', { name, members: [] });
      expect(response.status, JSON.stringify(name)).toBe(400);
      expect((await errorOf(response)).code).toBe('INVALID_NAME');
    }
    expect((await alice.createPrivateChannel('x'.repeat(80), [])).name).toBe('x'.repeat(80));
    const odd = '<img src=x onerror=alert(1)> & "quotes"';
    expect((await alice.createPrivateChannel(odd, ['bob'])).name).toBe(odd);
    expect((await bob.channel(odd)).name).toBe(odd);
  });
  it('an empty name is refused as INVALID_NAME, like a blank one', async () => {
    for (const request of [
      () => alice.http.post('/api/conversations/private', { name: '', members: [] }),
      async () => alice.request('PATCH', `/api/conversations/${(await alice.createPrivateChannel('ops', [])).id}`, { name: '' }),
    ]) {
      const response = await request();
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: 'INVALID_NAME', message: 'A channel name is 1 to 80 characters.' });
    }
  });
});

describe('renaming', () => {
  it('any member renames; the members get the new name and the system message', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const renamed = await alice.rename(ops.id, 'ops-2');
    expect(renamed.name).toBe('ops-2');
    for (const tab of [aliceTab, bobTab]) {
      await tab.waitFor(event('conversation.updated', (e) => e.conversation.id === ops.id && e.conversation.name === 'ops-2'));
      await tab.waitFor(systemMessage(ops.id, 'alice renamed the channel to "ops-2"'));
    }

    await bob.rename(ops.id, ' war room ');
    await aliceTab.waitFor(systemMessage(ops.id, 'bob renamed the channel to "war room"'));
    expect((await alice.channel('war room')).id).toBe(ops.id);
    const texts = (await alice.history(ops.id)).messages.map((m) => m.text);
    expect(texts).toEqual(['alice renamed the channel to "ops-2"', 'bob renamed the channel to "war room"']);

    await carolTab.expectNothingBefore(about(ops.id), await everyoneMarker());
  });

  it('refuses bad names, public channels and DMs', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const empty = await alice.request('PATCH', `/api/conversations/${ops.id}`, { name: '  ' });
    expect((await errorOf(empty)).code).toBe('INVALID_NAME');
    const long = await alice.request('PATCH', `/api/conversations/${ops.id}`, { name: 'y'.repeat(81) });
    expect((await errorOf(long)).code).toBe('INVALID_NAME');
    expect((await alice.conversation(ops.id)).name).toBe('ops');

    const publicRename = await alice.request('PATCH', `/api/conversations/${generalId}`, { name: 'mine' });
    expect(publicRename.status).toBe(403);
    expect((await errorOf(publicRename)).code).toBe('FORBIDDEN');
    const { conversation: dm } = await alice.openDm(['bob']);
    const dmRename = await alice.request('PATCH', `/api/conversations/${dm.id}`, { name: 'our dm' });
    expect(dmRename.status).toBe(403);
    expect((await alice.channel('general')).name).toBe('general');
  });
});

describe('adding a member', () => {
  it('posts "alice added carol"; carol gets the channel and the others the new member list', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const updated = await alice.addMember(ops.id, 'Carol');
    expect(updated.memberIds).toEqual([alice.id, bob.id, carol.id]);

    const appeared = await carolTab.waitFor(event('conversation.updated', (e) => e.conversation.id === ops.id));
    expect(appeared.conversation).toMatchObject({ name: 'ops', memberIds: [alice.id, bob.id, carol.id] });
    for (const tab of [aliceTab, bobTab, carolTab]) await tab.waitFor(systemMessage(ops.id, 'alice added carol'));
    await bobTab.waitFor(event('conversation.updated', (e) => e.conversation.id === ops.id && e.conversation.memberIds.includes(carol.id)));
    expect((await carol.history(ops.id)).messages.map((m) => m.text)).toEqual(['alice added carol']);

    await daveTab.expectNothingBefore(about(ops.id), await everyoneMarker());
  });

  it('refuses someone already in it, unknown people, public channels and DMs', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const again = await alice.http.post(`/api/conversations/${ops.id}/members`, { username: 'BOB' });
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatchObject({ code: 'ALREADY_MEMBER', message: 'bob is already in this channel.' });
    const unknown = await alice.http.post(`/api/conversations/${ops.id}/members`, { username: 'zed' });
    expect(unknown.status).toBe(400);
    expect(await errorOf(unknown)).toMatchObject({ code: 'UNKNOWN_USER', message: 'No user named "zed".' });
    expect((await alice.http.post(`/api/conversations/${generalId}/members`, { username: 'carol' })).status).toBe(403);
    const { conversation: dm } = await alice.openDm(['bob']);
    expect((await alice.http.post(`/api/conversations/${dm.id}/members`, { username: 'carol' })).status).toBe(403);
    expect((await alice.conversation(ops.id)).memberIds).toEqual([alice.id, bob.id]);
    expect((await alice.history(ops.id)).messages).toEqual([]);
  });
});

describe('leaving', () => {
  it('posts "bob left the channel" to those who stay; bob gets conversation.removed and nothing more', async () => {
    const ops = await alice.createPrivateChannel('ops', ['bob', 'carol']);
    await bobTab.waitFor(event('conversation.updated', (e) => e.conversation.id === ops.id));
    const beforeLeaving = bobTab.mark();
    await bob.leave(ops.id);

    expect(await bobTab.waitFor(event('conversation.removed'))).toEqual({ type: 'conversation.removed', conversationId: ops.id });
    for (const tab of [aliceTab, carolTab]) {
      await tab.waitFor(systemMessage(ops.id, 'bob left the channel'));
      await tab.waitFor(event('conversation.updated', (e) => e.conversation.id === ops.id && !e.conversation.memberIds.includes(bob.id)));
    }
    expect(aliceTab.received(event('conversation.removed'))).toEqual([]);

    // After leaving, the channel is as unknown to bob as to anyone else.
    expect((await bob.conversations()).conversations.some((c) => c.id === ops.id)).toBe(false);
    expect((await bob.http.get(`/api/conversations/${ops.id}/messages`)).status).toBe(404);
    expect((await bob.http.post(`/api/conversations/${ops.id}/leave`)).status).toBe(404);
    const after = await alice.send(ops.id, 'said after bob left');
    await carolTab.waitFor(created(after.id));
    await bobTab.expectNothingBefore((f) => about(ops.id)(f) && f.type !== 'conversation.removed', await everyoneMarker(), { since: beforeLeaving });
  });

  it('public channels and DMs cannot be left', async () => {
    const { conversation: dm } = await alice.openDm(['bob']);
    for (const id of [generalId, dm.id]) {
      const response = await alice.http.post(`/api/conversations/${id}/leave`);
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe('FORBIDDEN');
    }
    await expectStatus(await alice.http.get(`/api/conversations/${generalId}`), 200);
  });
});
