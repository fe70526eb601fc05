import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchResult, SearchResults } from '../../../shared/protocol/search.js';
import { MAX_PAGES_IN_A_ROW, RESULTS_WANTED } from './result-list.js';
import { createSearchSession, type SearchView } from './session.js';

function result(id: number): SearchResult {
  return {
    message: { id, conversationId: 1, seq: id, kind: 'user', authorId: 2, text: `deploy ${id}`, clientId: null, replyTo: null, createdAt: id, editedAt: null, deletedAt: null, reactions: [], mentions: { userIds: [], everyone: false, here: false }, pinned: null, attachments: [], previews: [] },
    conversation: { id: 1, kind: 'public', name: 'general' },
    author: { id: 2, username: 'bob' },
    createdAt: id,
    snippet: { text: `deploy ${id}`, highlights: [{ start: 0, end: 6 }] },
  };
}

const results = (from: number, count: number) => Array.from({ length: count }, (_, i) => result(from + i));

interface Call {
  query: string;
  cursor: string | undefined;
  signal: AbortSignal;
  answer: (page: SearchResults) => Promise<void>;
  fail: (error: unknown) => Promise<void>;
}

/** A server whose answers the test hands out one by one, in any order. */
function harness() {
  const calls: Call[] = [];
  const views: SearchView[] = [];
  const session = createSearchSession({
    fetchPage: (query, cursor, signal) =>
      new Promise<SearchResults>((resolve, reject) => {
        const settle = async (fn: () => void) => {
          fn();
          await vi.advanceTimersByTimeAsync(0);
        };
        calls.push({ query, cursor, signal, answer: (page) => settle(() => resolve(page)), fail: (error) => settle(() => reject(error)) });
      }),
    onChange: (view) => views.push(view),
    describeError: (error) => (error instanceof Error ? error.message : 'failed'),
  });
  return { session, calls, last: () => views[views.length - 1] as SearchView };
}

const page = (found: SearchResult[], nextCursor: string | null = null, notes: string[] = []): SearchResults => ({ results: found, nextCursor, notes });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('searching as you type', () => {
  it('asks once typing pauses for 200 ms, with the trimmed query', async () => {
    const { session, calls, last } = harness();
    session.type('d');
    session.type('de');
    session.type('dep');
    await vi.advanceTimersByTimeAsync(150);
    session.type('deploy ');
    await vi.advanceTimersByTimeAsync(199);
    expect(calls).toHaveLength(0);
    expect(last().status).toBe('waiting');
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.query)).toEqual(['deploy']);
    await calls[0]?.answer(page(results(1, 2)));
    expect(last()).toMatchObject({ query: 'deploy', status: 'done', nextCursor: null });
    expect(last().results.map((r) => r.message.id)).toEqual([1, 2]);
  });

  it('shows only the latest query’s answer: an older one arriving late is dropped, and its request cancelled', async () => {
    const { session, calls, last } = harness();
    session.type('deploy');
    await vi.advanceTimersByTimeAsync(200);
    session.type('deploys');
    await vi.advanceTimersByTimeAsync(200);
    const [first, second] = calls as [Call, Call];
    expect(first.signal.aborted).toBe(true);
    await second.answer(page([result(7)]));
    await first.answer(page([result(1)]));
    expect(last().query).toBe('deploys');
    expect(last().results.map((r) => r.message.id)).toEqual([7]);
  });

  it('keeps the previous results while waiting for the next query’s answer, then replaces them', async () => {
    const { session, calls, last } = harness();
    session.type('deploy');
    await vi.advanceTimersByTimeAsync(200);
    await calls[0]?.answer(page([result(1)]));
    session.type('deploy bot');
    expect(last()).toMatchObject({ query: 'deploy', status: 'waiting' });
    expect(last().results).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(last()).toMatchObject({ query: 'deploy bot', status: 'loading', results: [] });
  });

  it('does not ask about a single character or an operator still missing its value, and clears the results', async () => {
    const { session, calls, last } = harness();
    session.type('deploy');
    await vi.advanceTimersByTimeAsync(200);
    await calls[0]?.answer(page([result(1)]));
    session.type('d');
    expect(last().status).toBe('idle');
    session.type('deploy from:');
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toHaveLength(1);
    expect(last().results).toHaveLength(0);
  });

  it('asks at once on Enter, and does not ask again for the same query', async () => {
    const { session, calls } = harness();
    session.type('deploy');
    session.flush();
    expect(calls).toHaveLength(1);
    await calls[0]?.answer(page([]));
    session.type('deploy  ');
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toHaveLength(1);
  });

  it('shows a refusal’s message and keeps no results; Enter tries again', async () => {
    const { session, calls, last } = harness();
    session.type('"NEAR(');
    await vi.advanceTimersByTimeAsync(200);
    await calls[0]?.fail(new Error('Type at least 2 characters to search.'));
    expect(last()).toMatchObject({ status: 'failed', error: 'Type at least 2 characters to search.', results: [] });
    session.flush();
    expect(calls).toHaveLength(2);
  });
});

describe('pages', () => {
  it('keeps fetching while the server has more and too few results came, even after empty pages', async () => {
    const { session, calls, last } = harness();
    session.type('deploy');
    await vi.advanceTimersByTimeAsync(200);
    await calls[0]?.answer(page([], 'c1'));
    expect(last().status).toBe('loading');
    await calls[1]?.answer(page(results(1, 3), 'c2'));
    expect(last().results).toHaveLength(3);
    await calls[2]?.answer(page(results(4, RESULTS_WANTED), 'c3'));
    expect(calls.map((c) => c.cursor)).toEqual([undefined, 'c1', 'c2']);
    expect(last()).toMatchObject({ status: 'done', nextCursor: 'c3' });
    expect(last().results).toHaveLength(RESULTS_WANTED + 3);
  });

  it('says "nothing" only when the server has no more pages', async () => {
    const { session, calls, last } = harness();
    session.type('deploy');
    await vi.advanceTimersByTimeAsync(200);
    await calls[0]?.answer(page([], 'c1'));
    await calls[1]?.answer(page([], null, ['has:file finds nothing yet.']));
    expect(last()).toMatchObject({ status: 'done', results: [], nextCursor: null, notes: ['has:file finds nothing yet.'] });
  });

  it('stops after a bounded run of pages and leaves the rest to "Load more"', async () => {
    const { session, calls, last } = harness();
    session.type('deploy');
    await vi.advanceTimersByTimeAsync(200);
    for (let i = 0; i < MAX_PAGES_IN_A_ROW; i++) await calls[i]?.answer(page([], `c${i + 1}`));
    expect(calls).toHaveLength(MAX_PAGES_IN_A_ROW);
    expect(last()).toMatchObject({ status: 'done', nextCursor: `c${MAX_PAGES_IN_A_ROW}` });
  });

  it('"Load more" adds the next page’s worth after what is held', async () => {
    const { session, calls, last } = harness();
    session.type('deploy');
    await vi.advanceTimersByTimeAsync(200);
    await calls[0]?.answer(page(results(1, RESULTS_WANTED), 'c1'));
    session.loadMore();
    expect(calls[1]?.cursor).toBe('c1');
    expect(calls[1]?.query).toBe('deploy');
    await calls[1]?.answer(page(results(1 + RESULTS_WANTED, 10), null));
    expect(last()).toMatchObject({ status: 'done', nextCursor: null });
    expect(last().results).toHaveLength(RESULTS_WANTED + 10);
    session.loadMore();
    expect(calls).toHaveLength(2);
  });

  it('drops a page of "Load more" that a new query overtook', async () => {
    const { session, calls, last } = harness();
    session.type('deploy');
    await vi.advanceTimersByTimeAsync(200);
    await calls[0]?.answer(page(results(1, RESULTS_WANTED), 'c1'));
    session.loadMore();
    session.type('release');
    await calls[1]?.answer(page([result(999)], null));
    expect(last().query).toBe('deploy');
    expect(last().status).toBe('waiting');
    expect(last().results.some((r) => r.message.id === 999)).toBe(false);
  });

  it('forgets everything on reset', async () => {
    const { session, calls, last } = harness();
    session.type('deploy');
    await vi.advanceTimersByTimeAsync(200);
    session.reset();
    expect(calls[0]?.signal.aborted).toBe(true);
    await calls[0]?.answer(page([result(1)]));
    expect(last()).toMatchObject({ query: '', status: 'idle', results: [] });
  });
});
