import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/shared/protocol/conversations.js';
import { expectStatus, signUpAll, type ChatUser } from '../../support/chat-user.js';
import { findViolations } from '../../support/invariants.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { event } from '../../support/ws-client.js';
import { react, reactRequest, unreactRequest } from './support.js';

// Reactions arriving at the same moment: each toggle is one write-queue transaction (row, list, seq), so none is
// lost however they interleave, and the row table and the message's list always agree.
const PEOPLE = 8;
const ROUNDS = 10;
const THUMBS = '👍️';

let server: TestServer;
let people: ChatUser[];
let general: Conversation;

beforeAll(async () => {
  server = await startTestServer();
  people = await signUpAll(server.url, ...Array.from({ length: PEOPLE }, (_, i) => `person${i}`));
  general = await people[0]!.channel('general');
});
afterAll(() => server.close());

const rowsOf = (messageId: number) =>
  server.db.prepare('SELECT emoji, user_id FROM reactions WHERE message_id = ? ORDER BY emoji, user_id').all(messageId) as { emoji: string; user_id: number }[];

describe('reactions at the same moment', () => {
  it('N people reacting with the same emoji at once all land, round after round', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const message = await people[0]!.send(general.id, `round ${round}`);
      const answers = await Promise.all(people.map((p) => reactRequest(p, message.id, THUMBS)));
      expect(answers.map((a) => a.status)).toEqual(people.map(() => 200));
      const [stored] = (await people[1]!.history(general.id)).messages.filter((m) => m.id === message.id);
      expect(stored?.reactions).toHaveLength(1);
      expect([...(stored?.reactions[0]?.userIds ?? [])].sort((a, b) => a - b)).toEqual(people.map((p) => p.id).sort((a, b) => a - b));
      expect(rowsOf(message.id)).toHaveLength(PEOPLE);

      // And all take it back at once.
      await Promise.all(people.map(async (p) => expectStatus(await unreactRequest(p, message.id, THUMBS), 200)));
      expect((await people[1]!.history(general.id)).messages.find((m) => m.id === message.id)?.reactions).toEqual([]);
      expect(rowsOf(message.id)).toEqual([]);
    }
    expect(findViolations(server.db)).toEqual([]);
  });

  it('two clients toggling different emoji at once never lose one, and each change has its own seq', async () => {
    const [alice, bob] = people as [ChatUser, ChatUser];
    const message = await alice.send(general.id, 'toggle me');
    const tab = await people[2]!.connect();
    const emoji = ['😀', '🎉', '🚀', '👀', '🔥'];
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(emoji.flatMap((e) => [reactRequest(alice, message.id, e), reactRequest(bob, message.id, e)]));
      const full = await react(alice, message.id, '😀');
      expect(full.reactions.map((r) => [r.emoji, [...r.userIds].sort()])).toEqual(emoji.map((e) => [e, [alice.id, bob.id].sort()]));
      await Promise.all(emoji.flatMap((e) => [unreactRequest(alice, message.id, e), unreactRequest(bob, message.id, e)]));
    }
    const last = await react(bob, message.id, '🎉');
    expect(last.reactions).toEqual([{ emoji: '🎉', userIds: [bob.id] }]);
    // Every change was announced with a seq of its own, in order.
    await tab.waitFor(event('message.updated', (e) => e.message.id === message.id && e.message.reactions.length === 1 && e.message.reactions[0]?.emoji === '🎉'));
    const seqs = tab.received(event('message.updated', (e) => e.message.id === message.id)).map((e) => e.seq);
    expect(seqs).toHaveLength(ROUNDS * emoji.length * 4 + 1);
    expect(new Set(seqs).size).toBe(seqs.length);
    await tab.close();
  });

  it('the same person adding and removing at once ends in a state the rows and the list agree on', async () => {
    const [alice] = people as [ChatUser];
    const message = await alice.send(general.id, 'flip flop');
    for (let round = 0; round < ROUNDS * 2; round++) {
      const calls = Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? reactRequest(alice, message.id, THUMBS) : unreactRequest(alice, message.id, THUMBS)));
      const answers = await Promise.all(calls);
      expect(answers.map((a) => a.status)).toEqual(calls.map(() => 200));
      const stored = (await alice.history(general.id)).messages.find((m) => m.id === message.id);
      const rows = rowsOf(message.id);
      if (rows.length === 0) expect(stored?.reactions).toEqual([]);
      else expect(stored?.reactions).toEqual([{ emoji: THUMBS, userIds: [alice.id] }]);
    }
    expect(findViolations(server.db)).toEqual([]);
  });

  it('the invariants notice a row and a list that disagree', () => {
    const message = server.db.prepare("SELECT id FROM messages WHERE body = 'flip flop'").get() as { id: number };
    server.db.prepare('INSERT OR IGNORE INTO reactions (message_id, emoji, user_id, created_at) VALUES (?, ?, ?, 0)').run(message.id, '🦄', people[3]!.id);
    server.db.prepare("UPDATE messages SET reactions = json('[{\"emoji\":\"🐙\",\"userIds\":[1]}]') WHERE id = ?").run(message.id);
    const names = findViolations(server.db).map((v) => v.name);
    expect(names).toEqual(['every reaction row is in its message’s reaction list', 'every entry of a message’s reaction list is a reaction row, once']);
    server.db.prepare('DELETE FROM reactions WHERE message_id = ?').run(message.id);
    server.db.prepare('UPDATE messages SET reactions = NULL WHERE id = ?').run(message.id);
    expect(findViolations(server.db)).toEqual([]);
  });
});
