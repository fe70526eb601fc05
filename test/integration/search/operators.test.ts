import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/shared/protocol/conversations.js';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { createTestClock } from '../../support/test-clock.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { found, marked, search, searchRequest } from './search-client.js';

// Alice, Bob and Carol over a week of November 2026. Alice and Bob share the private channel "ops" and a DM.
const clock = createTestClock(Date.UTC(2026, 10, 4, 12, 0));
const at = (isoUtc: string) => clock.advance(Date.parse(isoUtc) - clock.now());

let server: TestServer;
let alice: ChatUser, bob: ChatUser, carol: ChatUser;
let general: Conversation, random: Conversation, ops: Conversation, dm: Conversation;

const PLAN = 'Deploy plan for the payments service';
const FINISHED = 'deploy finished, dashboard at https://grafana.team.example/d/1';
const LATE = 'late deploy note';
const CHECKLIST = 'ops deploy checklist';
const KEYS = 'deploy keys for you, bob';
const ROLLED_BACK = 'the deploy was rolled back';
const RUNBOOK = 'see www.team.example for the runbook';
const CONFIG = 'config key foo:bar is set';

beforeAll(async () => {
  server = await startTestServer({ message_rate_limit_per_minute: 100_000 }, { clock });
  [alice, bob, carol] = await signUpAll(server.url, 'alice', 'bob', 'carol');
  general = await alice.channel('general');
  random = await alice.channel('random');
  ops = await alice.createPrivateChannel('ops', ['bob']);
  dm = (await alice.openDm(['bob'])).conversation;
  await alice.send(general.id, PLAN);
  at('2026-11-05T10:00:00Z');
  await bob.send(general.id, FINISHED);
  at('2026-11-05T23:30:00Z'); // already 6 November in Paris
  await bob.send(random.id, LATE);
  at('2026-11-06T09:00:00Z');
  await alice.send(ops.id, CHECKLIST);
  await alice.send(dm.id, KEYS);
  at('2026-11-07T15:00:00Z');
  await carol.send(general.id, ROLLED_BACK);
  await carol.send(random.id, RUNBOOK);
  await carol.send(random.id, CONFIG);
});
afterAll(async () => {
  await server.close();
});

describe('a search result', () => {
  it('carries the message, its conversation, author, time and a plain-text snippet with highlight ranges', async () => {
    const { results, nextCursor, notes } = await search(bob, 'payments');
    expect(nextCursor).toBeNull();
    expect(notes).toEqual([]);
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result).toMatchObject({
      message: { conversationId: general.id, kind: 'user', authorId: alice.id, text: PLAN, deletedAt: null },
      conversation: { id: general.id, kind: 'public', name: 'general' },
      author: { id: alice.id, username: 'alice' },
      createdAt: Date.UTC(2026, 10, 4, 12, 0),
    });
    expect(marked(result!.snippet)).toBe('Deploy plan for the [payments] service');
  });
});

describe('operators', () => {
  it('from:@name keeps one author (with or without @, any case); several from: mean any of them', async () => {
    expect(await found(bob, 'from:@alice deploy')).toEqual([KEYS, CHECKLIST, PLAN]);
    expect(await found(bob, 'deploy FROM:Alice')).toEqual([KEYS, CHECKLIST, PLAN]);
    expect(await found(bob, 'deploy from:@alice from:@carol')).toEqual([ROLLED_BACK, KEYS, CHECKLIST, PLAN]);
    expect(await found(bob, 'from:@carol')).toEqual([CONFIG, RUNBOOK, ROLLED_BACK]);
  });

  it('in:#channel, in:channel and in:@person keep one conversation', async () => {
    expect(await found(bob, 'deploy in:#general')).toEqual([ROLLED_BACK, FINISHED, PLAN]);
    expect(await found(bob, 'deploy in:GENERAL')).toEqual([ROLLED_BACK, FINISHED, PLAN]);
    expect(await found(bob, 'deploy in:ops')).toEqual([CHECKLIST]);
    expect(await found(bob, 'deploy in:@alice')).toEqual([KEYS]);
    expect(await found(alice, 'in:@bob')).toEqual([KEYS]);
    expect(await found(bob, 'deploy in:#ops in:random')).toEqual([CHECKLIST, LATE]);
  });

  it('refuses in: a conversation the searcher does not have, the same way whether or not it exists', async () => {
    const theirs = await searchRequest(carol, 'deploy in:ops');
    const missing = await searchRequest(carol, 'deploy in:opz');
    expect([theirs.status, missing.status]).toEqual([400, 400]);
    expect((await errorOf(theirs)).message).toBe('You have no channel named "ops".');
    expect((await errorOf(missing)).message).toBe('You have no channel named "opz".');
    const noDm = await searchRequest(carol, 'in:@alice deploy');
    expect(noDm.status).toBe(400);
    expect(await errorOf(noDm)).toMatchObject({ code: 'INVALID_SEARCH', message: 'You have no direct messages with alice.' });
    const nobody = await searchRequest(carol, 'from:@nobody deploy');
    expect(await errorOf(nobody)).toMatchObject({ code: 'UNKNOWN_USER', message: 'No user named "nobody".' });
  });

  it('before:, after: and on: take calendar days, in UTC unless a time zone is given', async () => {
    expect(await found(bob, 'deploy before:2026-11-05')).toEqual([PLAN]);
    expect(await found(bob, 'deploy after:2026-11-06')).toEqual([ROLLED_BACK]);
    expect(await found(bob, 'deploy on:2026-11-05')).toEqual([LATE, FINISHED]);
    expect(await found(bob, 'deploy on:2026-11-05', { timeZone: 'Europe/Paris' })).toEqual([FINISHED]);
    expect(await found(bob, 'deploy on:2026-11-06', { timeZone: 'Europe/Paris' })).toEqual([KEYS, CHECKLIST, LATE]);
    expect(await found(bob, 'deploy after:2026-11-04 before:2026-11-07')).toEqual([KEYS, CHECKLIST, LATE, FINISHED]);
  });

  it('explains a malformed date or time zone', async () => {
    for (const q of ['deploy before:2026-13-01', 'deploy on:yesterday', 'after:05/11/2026']) {
      const response = await searchRequest(bob, q);
      expect(response.status, q).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('INVALID_SEARCH');
      expect(error.message).toMatch(/is not a date\. Dates look like 2026-11-05\./);
    }
    const zone = await searchRequest(bob, 'deploy on:2026-11-05', { timeZone: 'Mars/Olympus' });
    expect(await errorOf(zone)).toMatchObject({ code: 'INVALID_SEARCH', message: '"Mars/Olympus" is not a time zone; use a name like Europe/Paris.' });
  });

  it('says when the dates leave no day at all', async () => {
    expect(await search(bob, 'deploy after:2026-11-05 before:2026-11-06')).toMatchObject({ results: [], notes: [expect.stringMatching(/no day/)] });
  });

  it('has:link finds web addresses', async () => {
    expect(await found(bob, 'has:link')).toEqual([RUNBOOK, FINISHED]);
    expect(await found(bob, 'deploy has:link')).toEqual([FINISHED]);
  });

  it('has:file and is:pinned find nothing yet, and say why', async () => {
    expect(await search(bob, 'deploy has:file')).toEqual({ results: [], nextCursor: null, notes: [expect.stringMatching(/^has:file finds nothing yet/)] });
    expect(await search(bob, 'is:pinned')).toEqual({ results: [], nextCursor: null, notes: [expect.stringMatching(/^is:pinned finds nothing yet/)] });
  });

  it('"an exact phrase" matches those words in that order', async () => {
    expect(await found(bob, '"deploy was rolled"')).toEqual([ROLLED_BACK]);
    expect(await found(bob, '"rolled deploy"')).toEqual([]);
    const [hit] = (await search(bob, '"DEPLOY WAS"')).results;
    expect(marked(hit!.snippet)).toBe('the [deploy was] rolled back');
  });

  it('-word leaves out messages containing it', async () => {
    expect(await found(bob, 'deploy -plan -keys -"rolled back"')).toEqual([CHECKLIST, LATE, FINISHED]);
    expect(await found(bob, 'in:random -deploy')).toEqual([CONFIG, RUNBOOK]);
  });

  it('treats unknown operators as text', async () => {
    expect(await found(bob, 'foo:bar')).toEqual([CONFIG]);
    expect(await found(bob, 'https://grafana')).toEqual([FINISHED]);
  });

  it('refuses queries too short to search, with a message for people', async () => {
    for (const [q, message] of [
      ['', 'Type at least 2 characters to search.'],
      ['d', 'Type at least 2 characters to search.'],
      ['-deploy', 'Add something to look for: "-word" only leaves messages out.'],
      ['from:', 'Say what from: should match, for example from:@alice.'],
    ] as const) {
      const response = await searchRequest(bob, q);
      expect(response.status, q).toBe(400);
      expect(await errorOf(response)).toEqual({ code: 'INVALID_SEARCH', message });
    }
  });

  it('needs a session', async () => {
    const response = await fetch(`${server.url}/api/search?q=deploy`);
    expect(response.status).toBe(401);
  });
});
