import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatUser, expectStatus } from '../../support/chat-user.js';
import { HttpClient, STRONG_PASSWORD } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { WsClient, created, event, presenceChange } from '../../support/ws-client.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const NEW_PASSWORD = 'Brand-New-Secret-7';

describe('opening the WebSocket', () => {
  it('refuses a foreign Origin, a missing Origin and a request without a session, as JSON errors', async () => {
    const alice = await ChatUser.signUp(server.url, 'alice');

    const foreign = await WsClient.attempt(alice.http, { origin: 'http://evil.example' });
    expect(foreign).toMatchObject({ status: 403 });
    expect(JSON.parse((foreign as { body: string }).body)).toMatchObject({ error: { code: 'ORIGIN_REJECTED' } });

    expect(await WsClient.attempt(alice.http, { origin: null })).toMatchObject({ status: 403 });

    const anonymous = await WsClient.attempt(new HttpClient(server.url));
    expect(anonymous).toMatchObject({ status: 401 });
    expect(JSON.parse((anonymous as { body: string }).body)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });

    const forged = new HttpClient(server.url);
    forged.cookies.set('mm_session', 'not-a-real-session-token');
    expect(await WsClient.attempt(forged)).toMatchObject({ status: 401 });
  });

  it('greets with hello: who you are and who is online', async () => {
    const alice = await ChatUser.signUp(server.url, 'alice');
    const bob = await ChatUser.signUp(server.url, 'bob');
    const bobTab = await bob.connect();
    await bobTab.waitFor(presenceChange(bob.id, 'active'));

    const aliceTab = await alice.connect();
    const hello = await aliceTab.waitFor(event('hello'));
    expect(hello.userId).toBe(alice.id);
    expect(hello.presence).toEqual([{ userId: bob.id, status: 'active' }]);
    expect(hello.presenceOverride).toBeNull();
    expect(aliceTab.frames[0]).toBe(hello);
  });
});

describe('sessions ending close their sockets with 4401', () => {
  it('log out closes the sockets of that session only', async () => {
    const laptop = await ChatUser.signUp(server.url, 'alice');
    const phone = await ChatUser.logIn(server.url, 'alice');
    const bob = await ChatUser.signUp(server.url, 'bob');
    const laptopTab = await laptop.connect();
    const phoneTab = await phone.connect();

    await expectStatus(await laptop.http.post('/api/auth/logout'), 204);
    expect(await laptopTab.closed).toEqual({ code: 4401, reason: 'session ended' });

    const general = await bob.channel('general');
    const sent = await bob.send(general.id, 'still there?');
    await phoneTab.waitFor(created(sent.id));
    expect(phoneTab.isOpen).toBe(true);
  });

  it('a password change closes the other sessions’ sockets and keeps this one’s', async () => {
    const laptop = await ChatUser.signUp(server.url, 'alice');
    const phone = await ChatUser.logIn(server.url, 'alice');
    const laptopTab = await laptop.connect();
    const phoneTab = await phone.connect();

    const changed = await laptop.http.post('/api/auth/password', { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    await expectStatus(changed, 204);
    expect((await phoneTab.closed).code).toBe(4401);

    const general = await laptop.channel('general');
    const sent = await laptop.send(general.id, 'new password, same tab');
    await laptopTab.waitFor(created(sent.id));
    expect(laptopTab.isOpen).toBe(true);
    // The closed phone cannot simply reconnect with its old cookie.
    expect(await WsClient.attempt(phone.http)).toMatchObject({ status: 401 });
  });
});

describe('bad frames', () => {
  it('answers malformed and unknown commands with an error frame and keeps working', async () => {
    const alice = await ChatUser.signUp(server.url, 'alice');
    const bob = await ChatUser.signUp(server.url, 'bob');
    const aliceTab = await alice.connect();
    const bobTab = await bob.connect();
    const general = await alice.channel('general');

    const bad: unknown[] = [
      'not json at all',
      '{"type":',
      Buffer.from([0xde, 0xad, 0xbe, 0xef]),
      '42',
      'null',
      { type: 'message.send', conversationId: general.id, text: 'hi' },
      { type: 'typing.start' },
      { type: 'typing.start', conversationId: String(general.id) },
      { type: 'typing.start', conversationId: general.id, extra: true },
      { type: 'presence.set', state: 'offline' },
      { type: '__proto__' },
    ];
    for (const frame of bad) aliceTab.send(frame);
    // Frames are answered in order, so once the last error is here every one was answered.
    await aliceTab.waitForCount((f) => f.type === 'error', bad.length);
    for (const error of aliceTab.received(event('error'))) {
      expect(error).toEqual({ type: 'error', code: 'BAD_REQUEST', message: 'Unknown or malformed command.' });
    }

    // The same socket still carries commands and events; the server still answers HTTP and new sockets.
    aliceTab.send({ type: 'typing.start', conversationId: general.id });
    await bobTab.waitFor(event('typing', (e) => e.userId === alice.id));
    const sent = await bob.send(general.id, 'after the garbage');
    await aliceTab.waitFor(created(sent.id));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await (await alice.connect()).close();
  });

  it('answers a command about a conversation you cannot see with NOT_FOUND', async () => {
    const alice = await ChatUser.signUp(server.url, 'alice');
    const carol = await ChatUser.signUp(server.url, 'carol');
    const secret = await alice.createPrivateChannel('secret', []);
    const carolTab = await carol.connect();
    carolTab.send({ type: 'typing.start', conversationId: secret.id });
    carolTab.send({ type: 'typing.start', conversationId: 999_999 });
    await carolTab.waitForCount((f) => f.type === 'error', 2);
    const errors = carolTab.received(event('error'));
    expect(errors.map((e) => e.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    // The same answer for "exists but private" and "does not exist".
    expect(errors[0]?.message).toBe(errors[1]?.message);
  });

  it('closes a socket that sends a frame over 64 KiB or floods commands, and the server carries on', async () => {
    const alice = await ChatUser.signUp(server.url, 'alice');
    const big = await alice.connect();
    big.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(70_000) }));
    expect((await big.closed).code).toBe(1009);

    const flood = await alice.connect();
    for (let i = 0; i < 40; i++) flood.send({ type: 'ping' });
    expect((await flood.closed).code).toBe(1008);

    const fresh = await alice.connect();
    expect(fresh.isOpen).toBe(true);
  });
});
