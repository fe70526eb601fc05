import { describe, expect, it } from 'vitest';
import { typoCandidate, typoVariants } from './typo-variants.js';

describe('typoVariants', () => {
  const variants = new Set(typoVariants('deplyo'));

  it('includes a swap, a missing, an extra and a wrong letter', () => {
    expect(variants.has('deploy')).toBe(true);
    expect(variants.has('deplyon')).toBe(true);
    expect(variants.has('delyo')).toBe(true);
    expect(variants.has('deplyx')).toBe(true);
    expect(variants.has('deplyo')).toBe(false);
  });

  it('stays one edit away', () => {
    expect(variants.has('delpoy')).toBe(false);
    expect(variants.has('deploys')).toBe(false);
  });

  it('guesses digits only in words that have some, and the word\'s own accented letters', () => {
    expect(typoVariants('build').some((v) => /\d/.test(v))).toBe(false);
    expect(typoVariants('build2').includes('build3')).toBe(true);
    expect(typoVariants('cafes').includes('cafés')).toBe(false);
    expect(typoVariants('émile').includes('émilé')).toBe(true);
  });
});

describe('typoCandidate', () => {
  it('applies to single words of 5 to 24 letters, folded', () => {
    expect(typoCandidate('Déplyo')).toBe('deplyo');
    expect(typoCandidate('dep')).toBeNull();
    expect(typoCandidate('deploy now')).toBeNull();
    expect(typoCandidate('re-deploy')).toBeNull();
    expect(typoCandidate('x'.repeat(25))).toBeNull();
  });
});
