import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from './fuzzy.js';

const names = ['alice', 'bob', 'bobby_tables', 'carol', 'john_doe', 'Robert', 'zed-bob'];
const find = (query: string) => fuzzyFilter(query, names, (name) => name);

describe('fuzzy user matching', () => {
  it('lists everyone, by name, for an empty query', () => {
    expect(find('')).toEqual(['alice', 'bob', 'bobby_tables', 'carol', 'john_doe', 'Robert', 'zed-bob']);
  });

  it('puts an exact name first, then prefixes, then word starts, then substrings (earlier first)', () => {
    expect(find('bob')).toEqual(['bob', 'bobby_tables', 'zed-bob']);
    expect(find('ob')).toEqual(['bob', 'bobby_tables', 'Robert', 'zed-bob']);
  });

  it('ignores case and a leading @', () => {
    expect(find('@ROB')).toEqual(['Robert']);
  });

  it('matches letters in order across word boundaries', () => {
    expect(find('jd')[0]).toBe('john_doe');
    expect(find('crl')).toEqual(['carol']);
  });

  it('finds nothing for letters out of order', () => {
    expect(fuzzyScore('lca', 'alice')).toBeNull();
    expect(find('xyz')).toEqual([]);
  });

  it('caps the list', () => {
    expect(fuzzyFilter('', names, (name) => name, 3)).toHaveLength(3);
  });
});
