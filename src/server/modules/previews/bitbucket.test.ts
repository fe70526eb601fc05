import { describe, expect, it } from 'vitest';
import { languageOf, parseSourceLink, sourceWindow, WINDOW_LINES } from './bitbucket.js';

describe('parseSourceLink', () => {
  it('reads Bitbucket Cloud file links with a line range', () => {
    expect(parseSourceLink('https://bitbucket.org/acme/tools/src/main/app/main.py#lines-10:20')).toEqual({
      rawUrl: 'https://bitbucket.org/acme/tools/raw/main/app/main.py',
      path: 'app/main.py',
      repository: 'acme/tools',
      siteName: 'Bitbucket',
      highlight: { from: 10, to: 20 },
    });
    expect(parseSourceLink('https://bitbucket.org/acme/tools/src/3f2a1b/README.md#lines-7')?.highlight).toEqual({ from: 7, to: 7 });
    expect(parseSourceLink('https://bitbucket.org/acme/tools/src/main/a.go')?.highlight).toBeNull();
  });

  it('reads Bitbucket Server links, with a context path and a ref', () => {
    expect(parseSourceLink('https://git.lan:7990/bitbucket/projects/OPS/repos/deploy/browse/scripts/run.sh?at=refs%2Fheads%2Fmain#12-14')).toEqual({
      rawUrl: 'https://git.lan:7990/bitbucket/projects/OPS/repos/deploy/raw/scripts/run.sh?at=refs%2Fheads%2Fmain',
      path: 'scripts/run.sh',
      repository: 'OPS/deploy',
      siteName: 'Bitbucket Server',
      highlight: { from: 12, to: 14 },
    });
    expect(parseSourceLink('http://git.lan/users/bob/repos/dots/browse/.bashrc#3')?.highlight).toEqual({ from: 3, to: 3 });
  });

  it('ignores other links, folders and odd ranges', () => {
    expect(parseSourceLink('https://bitbucket.org/acme/tools/src/main/')).toBeNull();
    expect(parseSourceLink('https://bitbucket.org/acme/tools')).toBeNull();
    expect(parseSourceLink('https://github.com/acme/tools/blob/main/a.py')).toBeNull();
    expect(parseSourceLink('https://bitbucket.org/acme/tools/src/main/a%2F..%2Fb.py')).toBeNull();
    expect(parseSourceLink('https://bitbucket.org/a/b/src/main/x.py#lines-0')?.highlight).toBeNull();
    expect(parseSourceLink('https://bitbucket.org/a/b/src/main/x.py#lines-20:10')?.highlight).toEqual({ from: 10, to: 20 });
  });
});

describe('sourceWindow', () => {
  const file = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\n');

  it('shows the range with context above', () => {
    const window = sourceWindow(file, 'a.py', { from: 40, to: 42 });
    expect(window.firstLine).toBe(35);
    expect(window.lines[0]).toBe('line 35');
    expect(window.lines).toHaveLength(WINDOW_LINES);
    expect(window.highlight).toEqual({ from: 40, to: 42 });
    expect(window.language).toBe('python');
  });

  it('starts a long range at its first line and the top of the file without a range', () => {
    expect(sourceWindow(file, 'a', { from: 10, to: 90 }).firstLine).toBe(10);
    expect(sourceWindow(file, 'a', null)).toMatchObject({ firstLine: 1, highlight: null });
    expect(sourceWindow(file, 'a', { from: 2, to: 3 }).firstLine).toBe(1);
  });

  it('highlights nothing past the end and clips the range to the file', () => {
    expect(sourceWindow('a\nb\n', 'x', { from: 5, to: 9 })).toMatchObject({ firstLine: 1, lines: ['a', 'b'], highlight: null });
    expect(sourceWindow('a\r\nb\r\nc', 'x', { from: 2, to: 9 })).toMatchObject({ lines: ['a', 'b', 'c'], highlight: { from: 2, to: 3 } });
  });

  it('cuts very long lines', () => {
    expect(sourceWindow('x'.repeat(1000), 'x', null).lines[0]).toHaveLength(301);
  });
});

describe('languageOf', () => {
  it('guesses from the file name', () => {
    expect(languageOf('src/main.rs')).toBe('rust');
    expect(languageOf('Dockerfile')).toBe('dockerfile');
    expect(languageOf('notes')).toBeNull();
    expect(languageOf('.bashrc')).toBeNull();
  });
});
