import { describe, expect, it } from 'vitest';
import { formatSize, refusal, thumbnailBox } from './files.js';

describe('formatSize', () => {
  it('reads like a person would say it', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatSize(3 * 1024 ** 3)).toBe('3.0 GB');
  });
});

describe('thumbnailBox', () => {
  it('fits the image in 400×300 without enlarging it', () => {
    expect(thumbnailBox(800, 600)).toEqual({ width: 400, height: 300 });
    expect(thumbnailBox(100, 1000)).toEqual({ width: 30, height: 300 });
    expect(thumbnailBox(64, 48)).toEqual({ width: 64, height: 48 });
    expect(thumbnailBox(null, null)).toEqual({ width: 400, height: 300 });
  });
});

describe('refusal', () => {
  const limits = { maxUploadBytes: 1024 * 1024, maxAttachments: 3 };
  it('refuses too many files and files over the limit, naming the file', () => {
    expect(refusal([{ name: 'a', size: 1 }], 3, limits)).toBe('A message can carry at most 3 files.');
    expect(refusal([{ name: 'big.iso', size: 2 * 1024 * 1024 }], 0, limits)).toBe('"big.iso" is 2.0 MB; files can be at most 1.0 MB.');
    expect(refusal([{ name: 'ok', size: 1024 * 1024 }], 2, limits)).toBeNull();
  });
});
