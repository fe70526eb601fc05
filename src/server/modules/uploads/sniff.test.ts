import { describe, expect, it } from 'vitest';
import { contentDisposition, displayName } from './file-name.js';
import { sniffContent } from './sniff.js';

const bytes = (...b: number[]) => Buffer.from(b);

describe('sniffContent', () => {
  it('knows the four image formats by their magic numbers', () => {
    expect(sniffContent(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 100).image).toBe('jpeg');
    expect(sniffContent(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 100).image).toBe('png');
    expect(sniffContent(Buffer.from('GIF89a....'), 100).image).toBe('gif');
    expect(sniffContent(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 '), 100).image).toBe('webp');
  });

  it('treats HTML and SVG as text files, never images', () => {
    for (const doc of ['<!doctype html><script>alert(1)</script>', '<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>']) {
      expect(sniffContent(Buffer.from(doc), doc.length)).toEqual({ image: null, mime: 'text/plain', text: true });
    }
  });

  it('recognises PDF and calls unknown binary octet-stream', () => {
    expect(sniffContent(Buffer.from('%PDF-1.7\n'), 9).mime).toBe('application/pdf');
    expect(sniffContent(bytes(1, 2, 0, 4), 4)).toEqual({ image: null, mime: 'application/octet-stream', text: false });
  });

  it('accepts a text sample cut inside a UTF-8 character, but not invalid UTF-8', () => {
    const text = Buffer.from('héllo wörld €');
    expect(sniffContent(text.subarray(0, text.length - 1), 1000).text).toBe(true);
    expect(sniffContent(bytes(0x68, 0xc3, 0x28), 3).text).toBe(false);
  });
});

describe('displayName', () => {
  it('keeps only the last path part, without control or bidi characters', () => {
    expect(displayName('../../etc/passwd')).toBe('passwd');
    expect(displayName('C:\\Users\\a\\report.pdf')).toBe('report.pdf');
    expect(displayName('harmless\u202efdp.exe')).toBe('harmlessfdp.exe');
    expect(displayName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(displayName('..')).toBe('file');
    expect(displayName(undefined)).toBe('file');
    expect([...displayName('é'.repeat(500))]).toHaveLength(200);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Grüße "x".pdf')).toBe(
      `attachment; filename="Gr__e _x_.pdf"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%22x%22.pdf`,
    );
  });
});
