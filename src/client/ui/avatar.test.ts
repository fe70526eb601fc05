import { describe, expect, it } from 'vitest';
import { coloursOf, initialsOf } from './avatar.js';

describe('avatar', () => {
  it('takes initials from the first two parts of a name, else its first two letters', () => {
    expect(initialsOf('alice')).toBe('AL');
    expect(initialsOf('john_doe')).toBe('JD');
    expect(initialsOf('mary-jane-watson')).toBe('MJ');
    expect(initialsOf('x')).toBe('X');
  });

  it('gives a person the same colours every time, and neighbours different ones', () => {
    expect(coloursOf(42)).toEqual(coloursOf(42));
    const firstTen = new Set(Array.from({ length: 10 }, (_, i) => coloursOf(i + 1).background));
    expect(firstTen.size).toBe(10);
  });
});
