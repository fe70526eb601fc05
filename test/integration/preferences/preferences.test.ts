import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, type Preferences } from '../../../src/shared/protocol/preferences.js';
import { ChatUser, expectStatus, signUpAll } from '../../support/chat-user.js';
import { errorOf, STRONG_PASSWORD } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { event } from '../../support/ws-client.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser;

beforeEach(async () => {
  server = await startTestServer();
  [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
});
afterEach(async () => {
  await server.close();
});

const get = async (user: ChatUser) => expectStatus<Preferences>(await user.http.get('/api/preferences'), 200);
const put = (user: ChatUser, body: unknown) => user.request('PUT', '/api/preferences', body);
const mute = (user: ChatUser, id: number, body: unknown = {}) => user.request('PUT', `/api/conversations/${id}/mute`, body);
const unmute = (user: ChatUser, id: number) => user.request('DELETE', `/api/conversations/${id}/mute`);

describe('preferences', () => {
  it('start at the defaults and change in part, kept across sign-ins (another device)', async () => {
    expect(await get(alice)).toEqual(DEFAULT_PREFERENCES);
    const changed = await expectStatus<Preferences>(await put(alice, { sounds: false, swapEnter: true }), 200);
    expect(changed).toEqual({ ...DEFAULT_PREFERENCES, sounds: false, swapEnter: true });
    const again = await expectStatus<Preferences>(await put(alice, { notifyWhileFocused: true }), 200);
    expect(again).toEqual({ ...DEFAULT_PREFERENCES, sounds: false, swapEnter: true, notifyWhileFocused: true });
    const laptop = await ChatUser.logIn(server.url, 'alice');
    expect(await get(laptop)).toEqual(again);
    // Nobody else's changed.
    expect(await get(bob)).toEqual(DEFAULT_PREFERENCES);
  });

  it("reach the user's other tabs live, and only theirs", async () => {
    const otherTab = await alice.connect();
    const bobTab = await bob.connect();
    await expectStatus(await put(alice, { desktopNotifications: false }), 200);
    const update = await otherTab.waitFor(event('preferences.updated'));
    expect(update.preferences.desktopNotifications).toBe(false);
    // A later event bob does receive proves the earlier one would have arrived first.
    await expectStatus(await put(bob, { sounds: false }), 200);
    await bobTab.waitFor(event('preferences.updated'));
    expect(bobTab.frames.filter((f) => f.type === 'preferences.updated')).toHaveLength(1);
  });

  it('refuse bad input with a clear 400 and change nothing', async () => {
    for (const body of [{ sounds: 'yes' }, { volume: 3 }, { desktopNotifications: null }, [], 'sounds']) {
      const response = await put(alice, body);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toMatch(/\w/);
    }
    expect((await mute(alice, (await alice.channel('general')).id, { muteMentions: 'always' })).status).toBe(400);
    expect((await mute(alice, 0)).status).toBe(400);
    expect((await alice.request('PUT', '/api/conversations/abc/mute', {})).status).toBe(400);
    expect(await get(alice)).toEqual(DEFAULT_PREFERENCES);
  });

  it('mute and unmute a conversation, with or without its mentions, announced to every tab', async () => {
    const general = await alice.channel('general');
    const tab = await alice.connect();
    const muted = await expectStatus<Preferences>(await mute(alice, general.id), 200);
    expect(muted.mutedConversations).toEqual([{ conversationId: general.id, muteMentions: false }]);
    await tab.waitFor(event('preferences.updated', (e) => e.preferences.mutedConversations.length === 1));
    const deeper = await expectStatus<Preferences>(await mute(alice, general.id, { muteMentions: true }), 200);
    expect(deeper.mutedConversations).toEqual([{ conversationId: general.id, muteMentions: true }]);
    const unmuted = await expectStatus<Preferences>(await unmute(alice, general.id), 200);
    expect(unmuted.mutedConversations).toEqual([]);
    // Unmuting twice is harmless.
    expect((await expectStatus<Preferences>(await unmute(alice, general.id), 200)).mutedConversations).toEqual([]);
  });

  it('only a conversation the user can see can be muted: others are not found', async () => {
    const secret = await alice.createPrivateChannel('secret-plans', []);
    const { conversation: dm } = await alice.openDm(['bob']);
    for (const response of [await mute(bob, secret.id), await unmute(bob, secret.id), await mute(bob, 999_999)]) {
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('NOT_FOUND');
    }
    expect((await get(bob)).mutedConversations).toEqual([]);
    await expectStatus(await mute(bob, dm.id), 200);
    expect((await get(bob)).mutedConversations).toEqual([{ conversationId: dm.id, muteMentions: false }]);
  });

  it('go with a deleted account', async () => {
    await expectStatus(await put(alice, { sounds: false }), 200);
    await expectStatus(await mute(alice, (await alice.channel('general')).id), 200);
    expect((await alice.request('DELETE', '/api/account', { password: STRONG_PASSWORD, mode: 'soft' })).status).toBe(204);
    const left = (table: string) => server.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE user_id = ?`).get(alice.id) as { n: number };
    expect(left('user_preferences').n).toBe(0);
    expect(left('conversation_mutes').n).toBe(0);
  });

  it('need a session', async () => {
    const response = await fetch(`${server.url}/api/preferences`);
    expect(response.status).toBe(401);
  });
});
