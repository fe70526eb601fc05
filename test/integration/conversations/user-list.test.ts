import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatUser, expectStatus } from '../../support/chat-user.js';
import { STRONG_PASSWORD } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { admin, expectExit } from '../operations/support.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const summaryOf = async (viewer: ChatUser, userId: number) => (await viewer.conversations()).users.find((u) => u.id === userId);

// The list of every account is kept in memory between sidebar loads: each way an account changes must show at once.
describe('the accounts listed with the sidebar', () => {
  it('follow sign-ups, colours, pictures and deletions made through the server, asked for after each', async () => {
    const alice = await ChatUser.signUp(server.url, 'alice');
    expect((await alice.conversations()).users.map((u) => u.username)).toEqual(['alice']);
    const raw = await alice.http.get('/api/conversations');
    expect(raw.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(await raw.json())).toEqual(['conversations', 'users']);

    const bob = await ChatUser.signUp(server.url, 'bob');
    expect((await alice.conversations()).users.map((u) => u.username)).toEqual(['alice', 'bob']);

    await expectStatus(await bob.request('PUT', '/api/account/colour', { colour: 'teal' }), 200);
    expect(await summaryOf(alice, bob.id)).toEqual({ id: bob.id, username: 'bob', deleted: false, avatarVersion: null, colour: 'teal' });

    await expectStatus(await bob.request('PUT', '/api/account/colour', { colour: null }), 200);
    expect((await summaryOf(alice, bob.id))?.colour).toBeNull();

    const picture = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 20, g: 120, b: 90 } } }).png().toBuffer();
    await expectStatus(await bob.http.request('PUT', '/api/account/avatar', { rawBody: new Uint8Array(picture), headers: { 'content-type': 'image/png' } }), 200);
    expect((await summaryOf(alice, bob.id))?.avatarVersion).toBe(1);
    await expectStatus(await bob.request('DELETE', '/api/account/avatar'), 200);
    expect((await summaryOf(alice, bob.id))?.avatarVersion).toBeNull();

    await expectStatus(await bob.request('DELETE', '/api/account', { password: STRONG_PASSWORD, mode: 'soft' }), 204);
    expect(await summaryOf(alice, bob.id)).toEqual({ id: bob.id, username: 'Deleted user', deleted: true, avatarVersion: null, colour: null });
  });

  it('follow accounts added by the admin command while the server runs', async () => {
    const alice = await ChatUser.signUp(server.url, 'alice');
    expect((await alice.conversations()).users.map((u) => u.username)).toEqual(['alice']);

    expectExit(await admin(server.dataDir, 'users', 'add', 'dana'), 0);
    expect((await alice.conversations()).users.map((u) => u.username)).toEqual(['alice', 'dana']);
    // Deactivation is not part of a summary: the list stays the same (and is still answered).
    expectExit(await admin(server.dataDir, 'users', 'deactivate', 'dana'), 0);
    expect((await alice.conversations()).users.map((u) => u.username)).toEqual(['alice', 'dana']);
  });
});
