import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { found, marked, search, searchRequest } from './search-client.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser;
let general: number;

beforeAll(async () => {
  server = await startTestServer({ message_rate_limit_per_minute: 100_000 });
  [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
  general = (await alice.channel('general')).id;
});
afterAll(async () => {
  await server.close();
});

async function post(...texts: string[]): Promise<void> {
  for (const text of texts) await alice.send(general, text);
}

describe('fuzzy matching', () => {
  it('finds 3+ characters anywhere inside a word: deploy finds "redeployed"', async () => {
    await post('We redeployed the gateway after lunch');
    const { results } = await search(bob, 'deploy');
    expect(results.map((r) => marked(r.snippet))).toEqual(['We re[deploy]ed the gateway after lunch']);
    expect(await found(bob, 'GATEW')).toEqual(['We redeployed the gateway after lunch']);
  });

  it('forgives one wrong, missing, extra or swapped letter in words of 5+ letters: deplyo finds "deploy"', async () => {
    await post('Shall we deploy the scheduler tonight?');
    for (const typo of ['deplyo', 'depoly', 'deplo', 'deploiy', 'dxploy', 'shceduler', 'scheduller']) {
      expect(await found(bob, typo), typo).toContain('Shall we deploy the scheduler tonight?');
    }
    const { results } = await search(bob, 'shceduler');
    expect(marked(results[0]!.snippet)).toBe('Shall we deploy the [scheduler] tonight?');
  });

  it('does not guess at short words or at two typos', async () => {
    await post('The cat is on the mat');
    expect(await found(bob, 'cta')).toEqual([]);
    expect(await found(bob, 'dpelyo')).toEqual([]);
  });
});

describe('ranking', () => {
  it('puts the words as typed first, then whole words, then parts of words, then typos; newest first within each', async () => {
    await post(
      'typo only: incidnet review', // typo
      'incident review at 3pm', // as typed
      'review of the incident', // whole words
      'incidents to review', // parts of words
      'the incident review is moved', // as typed, newer
    );
    expect(await found(bob, 'incident review')).toEqual([
      'the incident review is moved',
      'incident review at 3pm',
      'review of the incident',
      'incidents to review',
      'typo only: incidnet review',
    ]);
  });
});

describe('pagination', () => {
  it('pages 120 matches 50 at a time with an opaque cursor, each exactly once, in order', async () => {
    const texts = Array.from({ length: 120 }, (_, i) => `nightly build ${String(i).padStart(3, '0')} passed`);
    await post(...texts);
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const page = await search(bob, 'nightly', cursor === null ? {} : { cursor });
      sizes.push(page.results.length);
      seen.push(...page.results.map((r) => r.message.text ?? ''));
      cursor = page.nextCursor;
      if (cursor !== null) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    } while (cursor !== null);
    expect(sizes).toEqual([50, 50, 20]);
    expect(seen).toEqual([...texts].reverse());
  });

  it('takes a smaller page size', async () => {
    const first = await search(bob, 'nightly', { limit: 7 });
    expect(first.results).toHaveLength(7);
    const second = await search(bob, 'nightly', { limit: 7, cursor: first.nextCursor! });
    expect(second.results.map((r) => r.message.text)).toEqual(['nightly build 112 passed', 'nightly build 111 passed', 'nightly build 110 passed', 'nightly build 109 passed', 'nightly build 108 passed', 'nightly build 107 passed', 'nightly build 106 passed']);
  });

  it('refuses a cursor from another search, or one that was tampered with', async () => {
    const { nextCursor } = await search(bob, 'nightly');
    for (const [q, cursor] of [
      ['build', nextCursor!],
      ['nightly', 'not-a-cursor'],
      ['nightly', Buffer.from('[1,2,99999999,"x"]').toString('base64url')],
    ]) {
      const response = await searchRequest(bob, q!, { cursor: cursor! });
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: 'INVALID_SEARCH', message: 'This "Load more" belongs to another search; search again.' });
    }
  });

  it('refuses page sizes out of range', async () => {
    for (const limit of [0, 101, 'ten']) {
      const response = await searchRequest(bob, 'nightly', { limit });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('VALIDATION_FAILED');
    }
  });
});
