import { describe, expect, it } from 'vitest';
import type { LinkPreview } from '../../../shared/protocol/previews.js';
import { previewImage, safeLink, siteLabel, sourceRows } from './preview-model.js';

const base: LinkPreview = { url: 'https://news.example/a', title: 'T', description: null, siteName: null, imageUrl: null };

describe('preview model', () => {
  it('follows only http(s) links', () => {
    expect(safeLink('https://news.example/a?b#c')).toBe('https://news.example/a?b#c');
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'vbscript:x', 'not a url', '//news.example']) {
      expect(safeLink(url), url).toBeNull();
    }
  });

  it('shows only images this server made, with their size', () => {
    expect(previewImage({ ...base, imageUrl: '/api/previews/AAAAAAAAAAAAAAAAAAAAAA/image', imageWidth: 300, imageHeight: 200 })).toEqual({
      src: '/api/previews/AAAAAAAAAAAAAAAAAAAAAA/image',
      width: 300,
      height: 200,
    });
    for (const imageUrl of ['https://evil.example/x.png', '/api/previews/../../x/image', 'javascript:alert(1)', null]) {
      expect(previewImage({ ...base, imageUrl }), String(imageUrl)).toBeNull();
    }
  });

  it('numbers source lines and marks the linked range', () => {
    const rows = sourceRows({ path: 'a.py', language: 'python', firstLine: 9, lines: ['a', 'b', 'c', 'd'], highlight: { from: 10, to: 11 } });
    expect(rows.map((r) => [r.number, r.highlighted])).toEqual([[9, false], [10, true], [11, true], [12, false]]);
  });

  it('labels the card with the site name or the host', () => {
    expect(siteLabel({ ...base, siteName: 'Example' })).toBe('Example');
    expect(siteLabel(base)).toBe('news.example');
  });
});
