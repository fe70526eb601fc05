import { describe, expect, it } from 'vitest';
import { createShareBook, presentShare } from './share-book.js';

const ALICE = 1, BOB = 2, CAROL = 3;

describe('the share book', () => {
  it('one sharer to many viewers; signals only between the sharer and each viewer', () => {
    const book = createShareBook(() => 'share-1');
    const share = book.start(10, ALICE, 100);
    book.watch(share.id, BOB, 200);
    book.watch(share.id, CAROL, 300);
    expect(presentShare(share)).toEqual({ id: 'share-1', conversationId: 10, sharerId: ALICE, viewerIds: [BOB, CAROL] });
    expect(book.route(share.id, BOB, 200, ALICE)).toBe(100);
    expect(book.route(share.id, ALICE, 100, CAROL)).toBe(300);
    expect(() => book.route(share.id, BOB, 200, CAROL)).toThrow(/not in this screen share/);
    expect(() => book.route(share.id, BOB, 201, ALICE)).toThrow(/not in this screen share/);
    expect(() => book.route(share.id, ALICE, 101, BOB)).toThrow(/not in this screen share/);
  });

  it('only the sharer stops it; the same tab starting again gets the same share; another tab is refused', () => {
    const book = createShareBook(() => 'share-1');
    const share = book.start(10, ALICE, 100);
    expect(book.start(10, ALICE, 100)).toBe(share);
    expect(() => book.start(10, ALICE, 101)).toThrow(/another tab/);
    expect(() => book.stop(share.id, BOB)).toThrow(/Only the person sharing/);
    expect(book.stop(share.id, ALICE)).toBe(share);
    expect(book.stop(share.id, ALICE)).toBeNull();
  });

  it('a closed tab ends its shares and stops watching others', () => {
    let n = 0;
    const book = createShareBook(() => `share-${++n}`);
    const mine = book.start(10, ALICE, 100);
    const theirs = book.start(10, BOB, 200);
    book.watch(theirs.id, ALICE, 100);
    book.watch(mine.id, BOB, 200);
    const { ended, changed } = book.dropConnection(100);
    expect(ended.map((s) => s.id)).toEqual([mine.id]);
    expect(changed.map((s) => presentShare(s).viewerIds)).toEqual([[]]);
    expect(book.get(mine.id)).toBeNull();
  });
});
