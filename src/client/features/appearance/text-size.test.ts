import { describe, expect, it } from 'vitest';
import { clampTextSize, DEFAULT_TEXT_PX, sizeAfterPinch, sizeAfterWheel } from './text-size.js';

describe('message text size', () => {
  it('stays between 12 and 24 px', () => {
    expect(clampTextSize(8)).toBe(12);
    expect(clampTextSize(30)).toBe(24);
    expect(clampTextSize(15.6)).toBe(16);
    expect(clampTextSize(Number.NaN)).toBe(DEFAULT_TEXT_PX);
  });

  it('grows a pixel per wheel notch up, shrinks down', () => {
    expect(sizeAfterWheel(15, -100)).toBe(16);
    expect(sizeAfterWheel(15, 300)).toBe(12);
    expect(sizeAfterWheel(15, -3)).toBe(16);
    expect(sizeAfterWheel(24, -100)).toBe(24);
    expect(sizeAfterWheel(15, 0)).toBe(15);
  });

  it('scales with the pinch', () => {
    expect(sizeAfterPinch(15, 100, 150)).toBe(23);
    expect(sizeAfterPinch(16, 200, 100)).toBe(12);
    expect(sizeAfterPinch(16, 0, 100)).toBe(16);
  });
});
