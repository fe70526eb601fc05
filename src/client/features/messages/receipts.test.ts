import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/protocol/messages.js';
import { readersOf, receiptText } from './receipts.js';

const users = new Map([1, 2, 3, 4].map((id) => [id, { id, username: ['alice', 'bob', 'carol', 'Dave'][id - 1] as string }]));
const mine = { id: 9, seq: 5, authorId: 1, createdAt: 1000 } as Message;

describe('read receipts', () => {
  it('lists the others whose read position reached the message, by name', () => {
    const positions = new Map([
      [1, { seq: 9, joinedAt: 0 }],
      [4, { seq: 5, joinedAt: 0 }],
      [2, { seq: 7, joinedAt: 0 }],
      [3, { seq: 4, joinedAt: 0 }],
    ]);
    expect(readersOf(mine, positions, users)).toEqual(['bob', 'Dave']);
  });

  it('does not count someone who arrived after the message, though their position passed it', () => {
    const positions = new Map([
      [2, { seq: 9, joinedAt: mine.createdAt - 1 }],
      [3, { seq: 9, joinedAt: mine.createdAt + 1 }],
    ]);
    expect(readersOf(mine, positions, users)).toEqual(['bob']);
  });

  it('has no readers while nobody else got that far', () => {
    expect(readersOf(mine, new Map([[1, { seq: 9, joinedAt: 0 }], [2, { seq: 4, joinedAt: 0 }]]), users)).toEqual([]);
  });

  it('says who read it, shortening long lists', () => {
    expect(receiptText(['bob', 'carol'])).toBe('Read by: bob, carol');
    const many = Array.from({ length: 12 }, (_, i) => `u${i}`);
    expect(receiptText(many)).toBe('Read by: u0, u1, u2, u3, u4, u5, u6, u7, u8, u9 and 2 others');
  });
});
