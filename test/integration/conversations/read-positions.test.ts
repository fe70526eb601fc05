import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEEP_FROM_MEMBERS } from '../../../src/server/storage/sqlite/read-positions.js';
import { ChatUser, signUpAll } from '../../support/chat-user.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { admin, expectExit } from '../operations/support.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

/** What the database holds, read by another connection: what every history page must carry. */
function stored(conversationId: number): { userId: number; seq: number; joinedAt: number }[] {
  const reader = new Database(path.join(server.dataDir, 'minimost.db'), { readonly: true });
  try {
    return reader
      .prepare<[number], { userId: number; seq: number; joinedAt: number }>(
        'SELECT user_id AS userId, read_seq AS seq, joined_at AS joinedAt FROM memberships WHERE conversation_id = ? ORDER BY user_id',
      )
      .all(conversationId);
  } finally {
    reader.close();
  }
}

// A big conversation's read positions are kept in memory between history pages: every change must show at once.
describe('read positions on history pages of a big channel', () => {
  it('follow read markers, new members, members added by the admin command, and private channel joins and leaves', async () => {
    const names = Array.from({ length: KEEP_FROM_MEMBERS }, (_, i) => `member${i}`);
    const [alice, bob, carol, ...rest] = await signUpAll(server.url, ...names);
    if (!alice || !bob || !carol) throw new Error('three people at least');
    const general = await alice.channel('general');
    const first = await alice.send(general.id, 'one');
    const second = await alice.send(general.id, 'two');
    const page = async (viewer: ChatUser = alice) => (await viewer.history(general.id)).readPositions;

    expect(await page()).toEqual(stored(general.id));
    expect(await page()).toHaveLength(KEEP_FROM_MEMBERS);

    await bob.markRead(general.id, first.seq);
    expect((await page()).find((p) => p.userId === bob.id)?.seq).toBe(first.seq);
    await Promise.all([bob.markRead(general.id, second.seq), carol.markRead(general.id, second.seq), ...rest.slice(0, 10).map((u) => u.markRead(general.id, first.seq))]);
    expect(await page(bob)).toEqual(stored(general.id));
    // Never backwards.
    await bob.markRead(general.id, first.seq);
    expect((await page()).find((p) => p.userId === bob.id)?.seq).toBe(second.seq);

    const dave = await ChatUser.signUp(server.url, 'dave');
    expect((await page()).map((p) => p.userId)).toContain(dave.id);
    expect(await page()).toEqual(stored(general.id));

    expectExit(await admin(server.dataDir, 'users', 'add', 'erin'), 0);
    expect(await page()).toHaveLength(KEEP_FROM_MEMBERS + 2);
    expect(await page()).toEqual(stored(general.id));

    // A private channel just as big: someone added, someone leaving.
    const team = await alice.createPrivateChannel('team', names.slice(1));
    const positions = async () => (await alice.history(team.id)).readPositions;
    expect(await positions()).toEqual(stored(team.id));
    await alice.addMember(team.id, 'dave');
    expect((await positions()).map((p) => p.userId)).toContain(dave.id);
    await bob.leave(team.id);
    expect((await positions()).map((p) => p.userId)).not.toContain(bob.id);
    await carol.markRead(team.id, (await alice.send(team.id, 'hello team')).seq);
    expect(await positions()).toEqual(stored(team.id));
  });
});
