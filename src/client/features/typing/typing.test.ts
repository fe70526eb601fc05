import { describe, expect, it } from 'vitest';
import { nextExpiry, shouldAnnounceTyping, typingText, typistsIn, withoutExpired, withoutTypist, withTypist, type Typists } from './typing.js';

const C = 4;

describe('who is typing', () => {
  it('shows a person for 5 s after their last typing event', () => {
    let typists: Typists = withTypist(new Map(), C, 1, 1_000);
    expect(typistsIn(typists, C, 5_999)).toEqual([1]);
    expect(typistsIn(typists, C, 6_000)).toEqual([]);
    typists = withTypist(typists, C, 1, 4_000);
    expect(typistsIn(typists, C, 8_999)).toEqual([1]);
  });

  it('keeps conversations apart', () => {
    const typists = withTypist(withTypist(new Map(), C, 1, 0), C + 1, 2, 0);
    expect(typistsIn(typists, C, 10)).toEqual([1]);
    expect(typistsIn(typists, C + 1, 10)).toEqual([2]);
  });

  it('drops a person at once when their message arrives', () => {
    const typists = withoutTypist(withTypist(withTypist(new Map(), C, 1, 0), C, 2, 0), C, 1);
    expect(typistsIn(typists, C, 10)).toEqual([2]);
    expect(withoutTypist(typists, C, 99)).toBe(typists);
  });

  it('knows when to redraw next, and forgets expired lines', () => {
    const typists = withTypist(withTypist(new Map(), C, 1, 0), C, 2, 2_000);
    expect(nextExpiry(typists, 100)).toBe(5_000);
    expect(nextExpiry(typists, 5_000)).toBe(7_000);
    expect(nextExpiry(typists, 7_000)).toBeNull();
    expect([...withoutExpired(typists, 6_000).get(C)?.keys() ?? []]).toEqual([2]);
    expect(withoutExpired(typists, 8_000).size).toBe(0);
  });
});

describe('typing sentence', () => {
  it('names one or two people and counts more', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['alice'])).toBe('alice is typing…');
    expect(typingText(['alice', 'bob'])).toBe('alice and bob are typing…');
    expect(typingText(['alice', 'bob', 'carol'])).toBe('Several people are typing…');
  });
});

describe('telling others', () => {
  it('announces at most every 3 s', () => {
    expect(shouldAnnounceTyping(undefined, 0)).toBe(true);
    expect(shouldAnnounceTyping(1_000, 3_999)).toBe(false);
    expect(shouldAnnounceTyping(1_000, 4_000)).toBe(true);
  });
});
