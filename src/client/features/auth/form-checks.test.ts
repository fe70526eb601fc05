import { describe, expect, it } from 'vitest';
import { newPasswordProblem, passwordChecklist, showConfirmMismatch, usernameProblem } from './form-checks.js';

const policy = { minLength: 12 };

describe('passwordChecklist', () => {
  it('ticks each rule the password meets, with the server’s minimum length', () => {
    const rules = passwordChecklist('harbour7', { minLength: 8 });
    expect(Object.fromEntries(rules.map((rule) => [rule.id, rule.ok]))).toEqual({
      'min-length': true,
      upper: false,
      lower: true,
      digit: true,
      special: false,
    });
    expect(rules[0]?.label).toBe('At least 8 characters');
  });

  it('hides the upper length limit until it is broken', () => {
    expect(passwordChecklist('x', policy).map((rule) => rule.id)).not.toContain('max-length');
    expect(passwordChecklist('x'.repeat(1025), policy).map((rule) => rule.id)).toContain('max-length');
  });

  it('shows rules the server rejected as unmet', () => {
    const rules = passwordChecklist('Quiet-Harbour-2048', policy, new Set(['special']));
    expect(rules.find((rule) => rule.id === 'special')?.ok).toBe(false);
    expect(rules.find((rule) => rule.id === 'digit')?.ok).toBe(true);
  });
});

describe('showConfirmMismatch', () => {
  it('stays quiet while the confirmation is a prefix still being typed', () => {
    expect(showConfirmMismatch('Harbour-7', 'Harb', false)).toBe(false);
    expect(showConfirmMismatch('Harbour-7', '', true)).toBe(false);
    expect(showConfirmMismatch('Harbour-7', 'Harbour-7', true)).toBe(false);
  });

  it('speaks up once the confirmation diverges, is as long, or the field is left', () => {
    expect(showConfirmMismatch('Harbour-7', 'Harx', false)).toBe(true);
    expect(showConfirmMismatch('Harbour-7', 'Harbour-8', false)).toBe(true);
    expect(showConfirmMismatch('Harbour-7', 'Harb', true)).toBe(true);
  });
});

describe('usernameProblem', () => {
  it('accepts 1–32 letters, digits, _ and -', () => {
    expect(usernameProblem('alice_b-2')).toBeNull();
  });

  it('names a bad character at once, but a reserved name only when finished', () => {
    expect(usernameProblem('al ice', false)).toMatch(/letters, digits/);
    expect(usernameProblem('here', false)).toBeNull();
    expect(usernameProblem('here', true)).toMatch(/reserved/);
  });

  it('asks for a name only when finished', () => {
    expect(usernameProblem('', false)).toBeNull();
    expect(usernameProblem('', true)).toBe('Choose a username.');
  });
});

describe('newPasswordProblem', () => {
  it('reports unmet rules before a mismatch', () => {
    expect(newPasswordProblem('short', 'other', policy)).toMatch(/requirement/);
    expect(newPasswordProblem('Quiet-Harbour-2048', 'Quiet-Harbour-2049', policy)).toMatch(/do not match/);
    expect(newPasswordProblem('Quiet-Harbour-2048', 'Quiet-Harbour-2048', policy)).toBeNull();
  });
});
