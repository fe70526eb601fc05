import { describe, expect, it } from 'vitest';
import { colourOf, initialsOf } from './avatar.js';

describe('avatar', () => {
  it('takes initials from the first two parts of a name, else its first two letters', () => {
    expect(initialsOf('alice')).toBe('AL');
    expect(initialsOf('john_doe')).toBe('JD');
    expect(initialsOf('mary-jane-watson')).toBe('MJ');
    expect(initialsOf('x')).toBe('X');
  });

  it('gives a name the same colour whatever its casing', () => {
    expect(colourOf('Alice')).toBe(colourOf('alice'));
  });
});
