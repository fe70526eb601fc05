import { describe, expect, it } from 'vitest';
import { brokenPasswordRules, checkPassword } from './password-policy.js';
import { checkUsername } from './username.js';

describe('password policy', () => {
  it('accepts a password meeting every rule', () => {
    expect(brokenPasswordRules('Correct-Horse-42')).toEqual([]);
    expect(checkPassword('Correct-Horse-42').every((r) => r.ok)).toBe(true);
  });

  it('names each rule that fails', () => {
    expect(brokenPasswordRules('abc').map((r) => r.id)).toEqual(['min-length', 'upper', 'digit', 'special']);
    expect(brokenPasswordRules('Abcdefghijk1!', { minLength: 20 }).map((r) => r.id)).toEqual(['min-length']);
    expect(brokenPasswordRules(`Aa1!${'x'.repeat(1021)}`).map((r) => r.id)).toEqual(['max-length']);
  });

  it('counts characters as a person does and accepts non-Latin letters', () => {
    expect(brokenPasswordRules('Ünïcödé-Pässwörd-1')).toEqual([]);
    expect(brokenPasswordRules('Aa1!😀😀😀😀😀😀😀😀').map((r) => r.id)).toEqual([]);
  });
});

describe('usernames', () => {
  it('checks format and reserved names case-insensitively', () => {
    expect(checkUsername('alice_B-9')).toBeNull();
    expect(checkUsername('')).toBe('format');
    expect(checkUsername('a b')).toBe('format');
    expect(checkUsername('Here')).toBe('reserved');
  });
});
