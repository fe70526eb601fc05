import { expect, test } from 'vitest';
import { isAllowedLink, safeHref } from './safe-url.js';

test('http, https and mailto pass, canonicalised', () => {
  expect(safeHref('https://example.com')).toBe('https://example.com/');
  expect(safeHref('HTTP://Example.com/a b')).toBe('http://example.com/a%20b');
  expect(safeHref('mailto:ops@example.com')).toBe('mailto:ops@example.com');
  expect(isAllowedLink('https://example.com/x')).toBe(true);
});

test('every other scheme, relative URLs and junk are refused', () => {
  for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'blob:https://x/y', '/path', '//evil.example/', 'https://', '']) {
    expect(safeHref(url), url).toBeNull();
    expect(isAllowedLink(url), url).toBe(false);
  }
});

test('markdown-it only links URLs that name their scheme in full', () => {
  expect(isAllowedLink('http:example.com')).toBe(false);
});
