import { describe, expect, it } from 'vitest';
import { avatarFileProblem, centredSquare } from './crop.js';

describe('avatar crop', () => {
  it('takes the largest square from the middle', () => {
    expect(centredSquare(640, 480)).toEqual({ x: 80, y: 0, side: 480 });
    expect(centredSquare(300, 901)).toEqual({ x: 0, y: 300, side: 300 });
    expect(centredSquare(128, 128)).toEqual({ x: 0, y: 0, side: 128 });
  });

  it('accepts JPEG, PNG and WebP of a sensible size only', () => {
    expect(avatarFileProblem({ type: 'image/png', size: 1000 })).toBeNull();
    expect(avatarFileProblem({ type: 'image/webp', size: 1000 })).toBeNull();
    expect(avatarFileProblem({ type: 'image/svg+xml', size: 1000 })).toMatch(/JPEG, PNG or WebP/);
    expect(avatarFileProblem({ type: 'image/gif', size: 1000 })).toMatch(/JPEG, PNG or WebP/);
    expect(avatarFileProblem({ type: 'image/jpeg', size: 26 * 1024 * 1024 })).toMatch(/over 25 MB/);
  });
});
