import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatUser, expectStatus } from '../../support/chat-user.js';
import { errorOf, HttpClient, STRONG_PASSWORD } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { admin, expectExit, within } from './support.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('minimost users deactivate, while the server runs', () => {
  it('ends the person\'s live sessions: the next request is 401 and their open tab closes', async () => {
    const alice = await ChatUser.signUp(server.url, 'alice');
    const bob = await ChatUser.signUp(server.url, 'bob');
    const laptop = await ChatUser.logIn(server.url, 'alice');
    const [aliceTab, bobTab] = [await alice.connect(), await bob.connect()];
    const general = await alice.channel('general');
    const before = await alice.send(general.id, 'still here');

    const result = expectExit(await admin(server.dataDir, 'users', 'deactivate', 'alice'), 0);
    expect(result.stdout).toMatch(/^Deactivated alice: 2 sessions ended; their messages stay\./);

    // Another process ended the sessions in the database: the server notices on the next request…
    expect((await alice.http.get('/api/conversations')).status).toBe(401);
    expect((await laptop.http.get('/api/conversations')).status).toBe(401);
    // …and closes the open socket by itself.
    expect(await within(5_000, 'closing alice\'s socket', aliceTab.closed)).toMatchObject({ code: 4401 });
    expect(bobTab.isOpen).toBe(true);
    expect((await new HttpClient(server.url).logIn('alice')).status).toBe(401);
    // Their messages stay.
    expect((await bob.history(general.id)).messages.map((m) => m.id)).toContain(before.id);

    expect(expectExit(await admin(server.dataDir, 'users', 'deactivate', 'alice'), 0).stdout).toBe('alice was already deactivated.\n');
    expect(expectExit(await admin(server.dataDir, 'users', 'reactivate', 'ALICE'), 0).stdout).toBe('Reactivated alice: they can log in again.\n');
    expect((await new HttpClient(server.url).logIn('alice')).status).toBe(200);
    expect(expectExit(await admin(server.dataDir, 'users', 'reactivate', 'alice'), 0).stdout).toBe('alice is not deactivated.\n');
    await bobTab.close();
  });
});

describe('minimost users add', () => {
  it('creates an account without a password and prints a one-time link to choose one', async () => {
    const result = expectExit(await admin(server.dataDir, 'users', 'add', 'Dana', '--public-url', server.url, '--expires', '120'), 0);
    expect(result.stdout).toMatch(/^Created Dana\. Give them this one-time link to choose their password \(valid 2 hours\):\n/);
    const token = /\/reset-password#token=([A-Za-z0-9_-]{43})\n$/.exec(result.stdout)?.[1];
    expect(token).toBeDefined();
    expect((await new HttpClient(server.url).logIn('dana', '')).status).toBe(401);

    const page = new HttpClient(server.url);
    await page.boot();
    await expectStatus(await page.post('/api/auth/reset-password', { token, password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD }), 204);
    const dana = await ChatUser.logIn(server.url, 'dana');
    expect(dana.username).toBe('Dana');
    // A full member like anyone who signed up: the public channels, with the welcome.
    const general = await dana.channel('general');
    expect((await dana.history(general.id)).messages.map((m) => m.text)).toContain('Welcome to MiniMost, Dana! 👋');
    expect((await page.post('/api/auth/reset-password', { token, password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD })).status).toBe(410);

    const taken = expectExit(await admin(server.dataDir, 'users', 'add', 'dana'), 1);
    expect(taken.stderr).toBe('minimost: The username "dana" is already taken.\n');
    const invalid = expectExit(await admin(server.dataDir, 'users', 'add', 'no spaces'), 1);
    expect(invalid.stderr).toMatch(/^minimost: A username is 1 to 32 letters/);
  });
});

describe('minimost users list', () => {
  it('shows each account with its status, messages and last use', async () => {
    expect(expectExit(await admin(server.dataDir, 'users', 'list'), 0).stdout).toBe('No users yet.\n');
    const alice = await ChatUser.signUp(server.url, 'alice');
    await ChatUser.signUp(server.url, 'bob');
    await alice.send((await alice.channel('general')).id, 'one');
    expectExit(await admin(server.dataDir, 'users', 'deactivate', 'bob'), 0);
    const lines = expectExit(await admin(server.dataDir, 'users', 'list'), 0).stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+USERNAME\s+STATUS\s+MESSAGES\s+CREATED \(UTC\)\s+LAST SEEN \(UTC\)$/);
    expect(lines[1]).toMatch(/^\d+\s+alice\s+active\s+1\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+\d{4}-/);
    expect(lines[1]?.split(' ')[0]).toBe(String(alice.id));
    expect(lines[2]).toMatch(/^\d+\s+bob\s+deactivated\s+0\s+\S+ \S+\s+never$/);
  });
});

describe('the users command line', () => {
  it('explains itself, and refuses mistakes with one line and exit code 2 (or 1 for an unknown person)', async () => {
    const help = expectExit(await admin(server.dataDir, 'users', '--help'), 0);
    expect(help.stdout).toMatch(/^Usage: minimost users list\n {7}minimost users add <name>/);
    expect(help.stdout).toContain('--data-dir');
    for (const args of [['users'], ['users', 'remove', 'x'], ['users', 'add'], ['users', 'list', 'extra'], ['users', 'deactivate', 'a', 'b'], ['users', 'list', '--expires', '5'], ['users', 'list', '--user', 'x']]) {
      const result = expectExit(await admin(server.dataDir, ...args), 2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    const unknown = expectExit(await admin(server.dataDir, 'users', 'deactivate', 'nobody'), 1);
    expect(unknown.stderr).toBe('minimost: No user named "nobody".\n');
    const noData = expectExit(await admin(`${server.dataDir}/missing`, 'users', 'list'), 2);
    expect(noData.stderr).toMatch(/^minimost: no MiniMost database at .*\(is --data-dir right\?\)\n$/);
    expect(await errorOf(await new HttpClient(server.url).logIn('nobody'))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });
});
