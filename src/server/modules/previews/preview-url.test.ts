import { describe, expect, it } from 'vitest';
import { bareHost, effectivePort, findLinks, isAllowListed, normaliseLink } from './preview-url.js';

describe('findLinks', () => {
  it('finds http(s) links, trims punctuation around them, keeps three distinct', () => {
    const text = 'see https://a.example/x, (https://b.example/y) and http://c.example/z. then https://a.example/x again, https://d.example/';
    expect(findLinks(text)).toEqual(['https://a.example/x', 'https://b.example/y', 'http://c.example/z']);
  });

  it('keeps brackets that belong to the link', () => {
    expect(findLinks('https://wiki.news.example/wiki/Foo_(bar)!')).toEqual(['https://wiki.news.example/wiki/Foo_(bar)']);
    expect(findLinks('[https://x.example/a]')).toEqual(['https://x.example/a']);
  });

  it('ignores other schemes and text without links', () => {
    expect(findLinks('ftp://x.example javascript:alert(1) mailto:a@b.example www.news.example')).toEqual([]);
  });

  it('keeps fragments (line ranges)', () => {
    expect(findLinks('https://bitbucket.org/ws/repo/src/main/a.py#lines-3:5')).toEqual(['https://bitbucket.org/ws/repo/src/main/a.py#lines-3:5']);
  });
});

describe('normaliseLink', () => {
  it('turns odd IPv4 spellings into the address they mean', () => {
    expect(normaliseLink('http://2130706433/')).toBe('http://127.0.0.1/');
    expect(normaliseLink('http://0x7f.1/')).toBe('http://127.0.0.1/');
    expect(normaliseLink('http://017700000001/')).toBe('http://127.0.0.1/');
    expect(normaliseLink('http://127.1/')).toBe('http://127.0.0.1/');
    expect(normaliseLink('http://[::ffff:127.0.0.1]/')).toBe('http://[::ffff:7f00:1]/');
    expect(normaliseLink('HTTP://LOCALHOST./a')).toBe('http://localhost/a');
  });

  it('refuses user info, other schemes, empty hosts and monsters', () => {
    for (const raw of ['http://evil@127.0.0.1/', 'http://user:pw@news.example/', 'file:///etc/passwd', 'gopher://x/', 'javascript:alert(1)', 'http://./', `https://x.example/${'a'.repeat(3000)}`, 'not a url']) {
      expect(normaliseLink(raw), raw).toBeNull();
    }
  });

  it('resolves redirects relative to the page', () => {
    expect(normaliseLink('/next', 'https://a.example/here')).toBe('https://a.example/next');
    expect(normaliseLink('//127.0.0.1/x', 'https://a.example/')).toBe('https://127.0.0.1/x');
  });
});

describe('allowlist', () => {
  it('matches host names with or without a port', () => {
    const allow = ['bitbucket.lan', '127.0.0.1:7990', '[fd00::5]'];
    expect(isAllowListed(allow, 'Bitbucket.LAN.', 443)).toBe(true);
    expect(isAllowListed(allow, '127.0.0.1', 7990)).toBe(true);
    expect(isAllowListed(allow, '127.0.0.1', 80)).toBe(false);
    expect(isAllowListed(allow, '[fd00::5]', 80)).toBe(true);
    expect(isAllowListed(allow, 'evil.bitbucket.lan', 443)).toBe(false);
    expect(isAllowListed([], 'localhost', 80)).toBe(false);
  });

  it('knows default ports and bare hosts', () => {
    expect(effectivePort(new URL('https://a.example/'))).toBe(443);
    expect(effectivePort(new URL('http://a.example/'))).toBe(80);
    expect(effectivePort(new URL('http://a.example:8080/'))).toBe(8080);
    expect(bareHost('[::1]')).toBe('::1');
  });
});
