import { describe, expect, it } from 'vitest';
import { swipeIntent } from './drawer-swipe.js';

describe('swipeIntent', () => {
  it('opens on a swipe right from the left edge', () => {
    expect(swipeIntent({ x: 5, y: 300 }, { x: 200, y: 320 }, false)).toBe('open');
    expect(swipeIntent({ x: 100, y: 300 }, { x: 300, y: 300 }, false)).toBeNull();
  });

  it('closes on a swipe left while open', () => {
    expect(swipeIntent({ x: 250, y: 300 }, { x: 50, y: 290 }, true)).toBe('close');
    expect(swipeIntent({ x: 250, y: 300 }, { x: 50, y: 290 }, false)).toBeNull();
  });

  it('ignores short and mostly vertical moves', () => {
    expect(swipeIntent({ x: 5, y: 300 }, { x: 40, y: 300 }, false)).toBeNull();
    expect(swipeIntent({ x: 5, y: 100 }, { x: 120, y: 400 }, false)).toBeNull();
  });
});
