import { describe, expect, it } from 'vitest';
import { decodePage, DESCRIPTION_MAX, parsePageCard, tidyText, TITLE_MAX } from './open-graph.js';

const PAGE = 'https://news.example/articles/1';

describe('parsePageCard', () => {
  it('reads OpenGraph tags and resolves the image against the page', () => {
    const html = `<html><head><title>Fallback</title>
      <meta property="og:title" content="Release 2.0">
      <meta property="og:description" content="What changed &amp; why">
      <meta property="og:site_name" content="Example">
      <meta property="og:image" content="/img/cover.png"></head><body></body></html>`;
    expect(parsePageCard(html, PAGE)).toEqual({
      title: 'Release 2.0',
      description: 'What changed & why',
      siteName: 'Example',
      imageUrl: 'https://news.example/img/cover.png',
    });
  });

  it('falls back to Twitter cards, then <title> and meta description', () => {
    const twitter = '<meta name="twitter:title" content="Tweet title"><meta name="twitter:description" content="Tweet text"><meta name="twitter:image" content="https://news.example/images/a.jpg">';
    expect(parsePageCard(twitter, PAGE)).toMatchObject({ title: 'Tweet title', description: 'Tweet text', imageUrl: 'https://news.example/images/a.jpg' });
    const plain = '<TITLE>  Plain &lt;page&gt;\n title </TITLE><META NAME="Description" CONTENT="About it">';
    expect(parsePageCard(plain, PAGE)).toEqual({ title: 'Plain <page> title', description: 'About it', siteName: null, imageUrl: null });
  });

  it('keeps the first of repeated tags and ignores empty ones', () => {
    const html = '<meta property="og:title" content=" "><meta property="og:title" content="First"><meta property="og:title" content="Second">';
    expect(parsePageCard(html, PAGE).title).toBe('First');
  });

  it('refuses image links that are not http(s)', () => {
    for (const image of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'file:///etc/passwd', 'http://[bad']) {
      expect(parsePageCard(`<meta property="og:image" content="${image}">`, PAGE).imageUrl).toBeNull();
    }
  });

  it('keeps markup in text as text', () => {
    const html = '<meta property="og:title" content="&lt;script&gt;alert(1)&lt;/script&gt;">';
    expect(parsePageCard(html, PAGE).title).toBe('<script>alert(1)</script>');
  });

  it('cuts long text and drops control and direction characters', () => {
    const card = parsePageCard(`<meta property="og:title" content="${'a'.repeat(5000)}"><meta name="description" content="${'b '.repeat(5000)}">`, PAGE);
    expect([...(card.title ?? '')].length).toBe(TITLE_MAX);
    expect([...(card.description ?? '')].length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    expect(tidyText('a\u202eb\u0000c\n\n d', 100)).toBe('a b c d');
    expect(tidyText('   ', 10)).toBeNull();
  });

  it('survives broken markup', () => {
    expect(parsePageCard('<title>Unclosed <meta property="og:description" content="x', PAGE).title).toBe('Unclosed <meta property="og:description" content="x');
    expect(parsePageCard('', PAGE)).toEqual({ title: null, description: null, siteName: null, imageUrl: null });
  });
});

describe('decodePage', () => {
  it('honours the declared charset and falls back to UTF-8', () => {
    expect(decodePage(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'iso-8859-1')).toBe('café');
    expect(decodePage(Buffer.from('café'), 'no-such-charset')).toBe('café');
    expect(decodePage(Buffer.from('café'), null)).toBe('café');
  });
});
