import { describe, expect, it } from 'vitest';
import { MAX_PAGES_IN_A_ROW, moveActive, NO_RESULT, shouldKeepLoading, statusLine } from './result-list.js';

describe('moving through results with the arrow keys', () => {
  it('goes down from the box into the list and stops at the last result', () => {
    expect(moveActive(NO_RESULT, 3, 'ArrowDown')).toBe(0);
    expect(moveActive(0, 3, 'ArrowDown')).toBe(1);
    expect(moveActive(2, 3, 'ArrowDown')).toBe(2);
  });

  it('goes back up, and from the first result back to the box', () => {
    expect(moveActive(2, 3, 'ArrowUp')).toBe(1);
    expect(moveActive(0, 3, 'ArrowUp')).toBe(NO_RESULT);
    expect(moveActive(NO_RESULT, 3, 'ArrowUp')).toBe(NO_RESULT);
  });

  it('has nothing to move to in an empty list, and stays inside a list that shrank', () => {
    expect(moveActive(NO_RESULT, 0, 'ArrowDown')).toBe(NO_RESULT);
    expect(moveActive(7, 3, 'ArrowUp')).toBe(1);
    expect(moveActive(7, 3, 'ArrowDown')).toBe(2);
  });
});

describe('fetching pages until there are enough results', () => {
  const base = { held: 0, wanted: 50, nextCursor: 'c', pagesThisRound: 1 };

  it('keeps going after a short or empty page while the server has more', () => {
    expect(shouldKeepLoading(base)).toBe(true);
    expect(shouldKeepLoading({ ...base, held: 49 })).toBe(true);
  });

  it('stops with enough results, or when the server has no more', () => {
    expect(shouldKeepLoading({ ...base, held: 50 })).toBe(false);
    expect(shouldKeepLoading({ ...base, held: 3, nextCursor: null })).toBe(false);
  });

  it('stops after a bounded number of pages in a row, leaving the rest to "Load more"', () => {
    expect(shouldKeepLoading({ ...base, pagesThisRound: MAX_PAGES_IN_A_ROW - 1 })).toBe(true);
    expect(shouldKeepLoading({ ...base, pagesThisRound: MAX_PAGES_IN_A_ROW })).toBe(false);
  });
});

describe('the status line', () => {
  const view = { query: 'deploy', status: 'done', results: [] as unknown[], nextCursor: null as string | null };

  it('says when nothing matched, and when nothing matched so far but more remains', () => {
    expect(statusLine(view)).toBe('No matching messages');
    expect(statusLine({ ...view, nextCursor: 'c' })).toBe('No matching messages so far');
  });

  it('counts results, and says when it is still searching', () => {
    expect(statusLine({ ...view, results: [1] })).toBe('1 message');
    expect(statusLine({ ...view, results: [1, 2], nextCursor: 'c' })).toBe('2 messages so far');
    expect(statusLine({ ...view, status: 'loading' })).toBe('Searching…');
    expect(statusLine({ ...view, query: '', status: 'idle' })).toBe('');
  });
});
