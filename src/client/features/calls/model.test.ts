import { describe, expect, it } from 'vitest';
import { canCall, onCallText, tileLayout } from './model.js';

describe('call views', () => {
  it('lays out one, two, then a grid of tiles', () => {
    expect([1, 2, 3, 4, 9].map(tileLayout)).toEqual(['one', 'two', 'grid', 'grid', 'grid']);
  });

  it('says who is on the call', () => {
    expect(onCallText(['alice'])).toBe('alice is on a call');
    expect(onCallText(['alice', 'bob'])).toBe('alice and bob are on a call');
    expect(onCallText(['alice', 'bob', 'carol'])).toBe('alice, bob and 1 other are on a call');
    expect(onCallText(['alice', 'bob', 'carol', 'dave'])).toBe('alice, bob and 2 others are on a call');
  });

  it('offers calls in DMs with someone else and in private channels only', () => {
    expect(canCall({ kind: 'dm', name: null, memberIds: [1, 2] })).toBe(true);
    expect(canCall({ kind: 'private', name: 'ops', memberIds: [1] })).toBe(true);
    expect(canCall({ kind: 'public', name: 'general', memberIds: [] })).toBe(false);
    expect(canCall({ kind: 'dm', name: 'MiniMost', memberIds: [1] })).toBe(false);
    expect(canCall({ kind: 'dm', name: null, memberIds: [1] })).toBe(false);
  });
});
