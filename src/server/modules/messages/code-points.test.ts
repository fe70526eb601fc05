import { describe, expect, it } from 'vitest';
import { codePoints } from './code-points.js';

describe('codePoints', () => {
  it('counts as spreading the string does, lone and paired surrogates included', () => {
    const pieces = ['a', 'é', '😀', '\uD83D', '\uDE00', '\uDBFF\uDFFF', '👩‍💻', ' '];
    let state = 12_345;
    for (let round = 0; round < 2_000; round++) {
      let text = '';
      const length = round % 40;
      for (let i = 0; i < length; i++) {
        state = (state * 1_103_515_245 + 12_345) >>> 0;
        text += pieces[state % pieces.length];
      }
      expect(codePoints(text)).toBe([...text].length);
    }
  });

  it('counts an emoji as one', () => {
    expect(codePoints('😀😀x')).toBe(3);
    expect(codePoints('\uDE00\uD83D')).toBe(2);
    expect(codePoints('x'.repeat(150_000))).toBe(150_000);
  });
});
