import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUpAll } from '../../support/chat-user.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { admin, expectExit } from './support.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

type Line = { type: string; [key: string]: unknown };
const parse = (stdout: string): Line[] => stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Line);
const texts = (lines: Line[]) => lines.filter((l) => l.type === 'message').map((l) => l.text);

describe('minimost export', () => {
  it('writes, as JSON lines, exactly what one person may read, or everything; never deleted text', async () => {
    const [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
    const general = await alice.channel('general');
    await alice.send(general.id, 'public hello');
    const gone = await alice.send(general.id, 'a regrettable message');
    await alice.delete(gone.id);
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    await bob.send(ops.id, 'ops before carol');
    await alice.addMember(ops.id, 'carol');
    await bob.send(ops.id, 'ops after carol');
    await alice.send((await alice.openDm(['bob'])).conversation.id, 'alice to bob only');
    await bob.send((await bob.openDm(['carol'])).conversation.id, 'bob to carol');
    // Carol leaves a channel she was in: she loses it, as in the app.
    const left = await bob.createPrivateChannel('left', ['carol']);
    await bob.send(left.id, 'said before carol left');
    await carol.leave(left.id);

    const forCarol = parse(expectExit(await admin(server.dataDir, 'export', '--user', 'Carol'), 0).stdout);
    expect(forCarol[0]).toMatchObject({ type: 'export', format: 'minimost-export', version: 1, scope: { userId: carol.id, username: 'carol' } });
    expect(forCarol.filter((l) => l.type === 'user').map((l) => l.username)).toEqual(['alice', 'bob', 'carol']);
    expect(forCarol.filter((l) => l.type === 'conversation').map((l) => [l.kind, l.name])).toEqual([
      ['public', 'general'],
      ['public', 'random'],
      ['private', 'ops'],
      ['dm', null],
    ]);
    const carolTexts = texts(forCarol);
    expect(carolTexts).toEqual(expect.arrayContaining(['public hello', 'alice added carol', 'ops after carol', 'bob to carol']));
    for (const hidden of ['ops before carol', 'alice to bob only', 'said before carol left', 'a regrettable message']) expect(carolTexts).not.toContain(hidden);
    expect(forCarol.find((l) => l.text === 'bob to carol')).toMatchObject({ type: 'message', kind: 'user', authorId: bob.id, replyToId: null, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    const everything = parse(expectExit(await admin(server.dataDir, 'export'), 0).stdout);
    expect(everything[0]).toMatchObject({ type: 'export', scope: 'everything' });
    const all = texts(everything);
    expect(all).toEqual(expect.arrayContaining(['public hello', 'ops before carol', 'alice to bob only', 'bob to carol', 'said before carol left']));
    expect(all).not.toContain('a regrettable message');
    expect(JSON.stringify(everything)).not.toContain('regrettable');

    const unknown = expectExit(await admin(server.dataDir, 'export', '--user', 'nobody'), 1);
    expect(unknown.stderr).toBe('minimost: No user named "nobody".\n');
    expect(expectExit(await admin(server.dataDir, 'export', '--user'), 2).stderr).toBe('minimost: option --user needs a value\n');
  });
});
