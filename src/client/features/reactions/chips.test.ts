import { describe, expect, it } from 'vitest';
import { chipsOf, reactedByText } from './chips.js';

const ME = 1;
const reactions = [
  { emoji: '👍️', userIds: [2, 1] },
  { emoji: '🎉', userIds: [3] },
];

describe('reaction chips', () => {
  it('count people and know which are mine', () => {
    expect(chipsOf(reactions, ME)).toEqual([
      { emoji: '👍️', userIds: [2, 1], mine: true },
      { emoji: '🎉', userIds: [3], mine: false },
    ]);
  });

  it('show a toggle in flight at once: on adds me (or a new chip), off takes me out (and an empty chip away)', () => {
    const toggles = new Map([
      ['🎉', true],
      ['👍', false],
      ['🚀', true],
    ]);
    expect(chipsOf(reactions, ME, toggles)).toEqual([
      { emoji: '👍️', userIds: [2], mine: false },
      { emoji: '🎉', userIds: [3, 1], mine: true },
      { emoji: '🚀', userIds: [1], mine: true },
    ]);
    expect(chipsOf([{ emoji: '🎉', userIds: [1] }], ME, new Map([['🎉', false]]))).toEqual([]);
  });
});

describe('who reacted', () => {
  const names = new Map([
    [1, 'alice'],
    [2, 'bob'],
  ]);
  it('lists names in order, and counts the rest', () => {
    expect(reactedByText([2, 1], (id) => names.get(id) ?? '?')).toBe('Reacted by bob, alice');
    expect(reactedByText([1, 2, 3], (id) => names.get(id) ?? '?', 2)).toBe('Reacted by alice, bob and 1 other');
    expect(reactedByText([1, 2, 3, 4], (id) => names.get(id) ?? '?', 2)).toBe('Reacted by alice, bob and 2 others');
  });
});
