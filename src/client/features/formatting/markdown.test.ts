import { describe, expect, test } from 'vitest';
import { parseMessage, plainTextOf, type FormattedNode } from './markdown.js';

const p = (...children: FormattedNode[]): FormattedNode => ({ tag: 'p', children });

/** Every link in a tree, with its text. */
function linksOf(nodes: FormattedNode[]): { href: string; text: string }[] {
  return nodes.flatMap((node) => {
    if (typeof node === 'string' || !('children' in node)) return [];
    const own = node.tag === 'a' ? [{ href: node.href, text: plainTextOf(node.children) }] : [];
    return [...own, ...linksOf(node.children)];
  });
}

/** Every tag in a tree. */
function tagsOf(nodes: FormattedNode[]): string[] {
  return nodes.flatMap((node) => (typeof node === 'string' ? [] : [node.tag, ...('children' in node ? tagsOf(node.children) : [])]));
}

describe('formatting', () => {
  test('bold, italic, underline, strike and inline code', () => {
    expect(parseMessage('**b** *i* _i_ __u__ ~~s~~ `c`')).toEqual([
      p(
        { tag: 'strong', children: ['b'] },
        ' ',
        { tag: 'em', children: ['i'] },
        ' ',
        { tag: 'em', children: ['i'] },
        ' ',
        { tag: 'u', children: ['u'] },
        ' ',
        { tag: 's', children: ['s'] },
        ' ',
        { tag: 'code', text: 'c' },
      ),
    ]);
  });

  test('nested emphasis', () => {
    expect(parseMessage('***both*** and **bold *with italic* inside**')).toEqual([
      p(
        { tag: 'em', children: [{ tag: 'strong', children: ['both'] }] },
        ' and ',
        { tag: 'strong', children: ['bold ', { tag: 'em', children: ['with italic'] }, ' inside'] },
      ),
    ]);
  });

  test('line breaks are kept; a blank line starts a paragraph', () => {
    expect(parseMessage('one\ntwo\n\nthree')).toEqual([p('one\ntwo'), p('three')]);
  });

  test('a fenced block keeps its code verbatim and its language', () => {
    expect(parseMessage('look:\n```python\nif a < b:\n    print("<b>")\n```')).toEqual([
      p('look:'),
      { tag: 'pre', language: 'python', code: 'if a < b:\n    print("<b>")' },
    ]);
    expect(parseMessage('```\nplain\n```')).toEqual([{ tag: 'pre', language: '', code: 'plain' }]);
  });

  test('an unclosed fence runs to the end of the message', () => {
    expect(parseMessage('```js\nlet a = 1;\n**not bold**')).toEqual([{ tag: 'pre', language: 'js', code: 'let a = 1;\n**not bold**' }]);
  });

  test('lists and quotes are kept; headings become a bold line', () => {
    expect(parseMessage('# Release\n> quoted\n\n- one\n- two\n\n3. three\n4. four')).toEqual([
      p({ tag: 'strong', children: ['Release'] }),
      { tag: 'blockquote', children: [p('quoted')] },
      { tag: 'ul', children: [{ tag: 'li', children: ['one'] }, { tag: 'li', children: ['two'] }] },
      { tag: 'ol', start: 3, children: [{ tag: 'li', children: ['three'] }, { tag: 'li', children: ['four'] }] },
    ]);
  });

  test('indented text, setext underlines and tables stay text', () => {
    expect(tagsOf(parseMessage('    indented\n\nTitle\n---\n\n| a | b |\n|---|---|'))).toEqual(['p', 'p', 'p']);
  });
});

describe('links', () => {
  test('URLs with a scheme and www. addresses are detected', () => {
    expect(linksOf(parseMessage('see https://example.com/a?b=1, http://x.org and www.example.com.'))).toEqual([
      { href: 'https://example.com/a?b=1', text: 'https://example.com/a?b=1' },
      { href: 'http://x.org/', text: 'http://x.org' },
      { href: 'http://www.example.com/', text: 'www.example.com' },
    ]);
  });

  test('file names and bare domains are not links', () => {
    expect(linksOf(parseMessage('edit main.py, app.ts and example.com'))).toEqual([]);
  });

  test('e-mail addresses link to mailto', () => {
    expect(linksOf(parseMessage('write to ops@example.com or [me](mailto:me@example.com)'))).toEqual([
      { href: 'mailto:ops@example.com', text: 'ops@example.com' },
      { href: 'mailto:me@example.com', text: 'me' },
    ]);
  });

  test('Markdown links, autolinks and references', () => {
    expect(linksOf(parseMessage('[docs](https://example.com/docs "Docs") <https://example.com/x> [ref][1]\n\n[1]: https://example.com/r'))).toEqual([
      { href: 'https://example.com/docs', text: 'docs' },
      { href: 'https://example.com/x', text: 'https://example.com/x' },
      { href: 'https://example.com/r', text: 'ref' },
    ]);
  });

  test('an image becomes a link to it and never an image', () => {
    const nodes = parseMessage('![diagram](https://example.com/d.png) ![](https://example.com/e.png)');
    expect(tagsOf(nodes)).toEqual(['p', 'a', 'a']);
    expect(linksOf(nodes)).toEqual([
      { href: 'https://example.com/d.png', text: 'diagram' },
      { href: 'https://example.com/e.png', text: 'https://example.com/e.png' },
    ]);
  });

  test('relative and protocol-relative links stay text', () => {
    for (const text of ['[x](/admin)', '[x](admin)', '[x](//evil.example)', '[x](#top)', '[x](?q=1)']) {
      expect(parseMessage(text), text).toEqual([p(text)]);
    }
  });
});

// What an attacker might type. Whatever the form, the outcome must be text, or a link to http(s)/mailto only.
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x]( javascript:alert(1) )',
  '[x](<javascript:alert(1)>)',
  '[x](jav&#x09;ascript:alert(1))',
  '[x](jav&#9;ascript:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](java\\script:alert(1))',
  '[x](\u0000javascript:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](DATA:text/html,<script>alert(1)</script>)',
  '[x](file:///etc/passwd)',
  '[x][r]\n\n[r]: javascript:alert(1)',
  '[x][r]\n\n[r]: <javascript:alert(1)>',
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '<data:text/html,x>',
  '<vbscript:msgbox(1)>',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[![x](https://example.com/a.png)](javascript:alert(1))',
  '[a](https://example.com/"onmouseover="alert(1))',
  '[a](https://example.com/ "title" onclick=alert(1))',
  '**<img src=x onerror=alert(1)>**',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '```"><img src=x onerror=alert(1)>\ncode\n```',
  '<style>body{display:none}</style>',
  '<template><script>alert(1)</script></template>',
  '<math><mtext><script>alert(1)</script></mtext></math>',
  '<!--<script>alert(1)</script>-->',
  '<scr<script>ipt>alert(1)</script>',
  '\u202Egpj.exe',
  '[click](https://exa\u200Bmple.com)',
];

describe('hostile input', () => {
  test.each(HOSTILE)('%j is text or a safe link', (text) => {
    const nodes = parseMessage(text);
    for (const { href } of linksOf(nodes)) expect(href).toMatch(/^(https?:\/\/[^/]|mailto:)/);
    expect(tagsOf(nodes).every((tag) => ['p', 'strong', 'em', 'u', 's', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote'].includes(tag))).toBe(true);
  });

  test('HTML shows exactly as typed', () => {
    for (const text of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<b>bold?</b> & <i>it</i>']) {
      expect(parseMessage(text)).toEqual([p(text)]);
    }
  });

  test('a javascript: link in any Markdown form is not a link', () => {
    for (const text of HOSTILE.filter((entry) => /script|data:|vbscript|file:/i.test(entry) && !/https:/.test(entry))) {
      expect(linksOf(parseMessage(text)), text).toEqual([]);
    }
  });

  test('an attribute cannot be smuggled into a link', () => {
    const [link] = linksOf(parseMessage('[a](https://example.com/"onmouseover="alert(1))'));
    expect(link?.href).toBe('https://example.com/%22onmouseover=%22alert(1)');
  });

  test('10,000 asterisks and deep nesting parse quickly into text', () => {
    expect(plainTextOf(parseMessage('*'.repeat(10_000)))).toBe('*'.repeat(10_000));
    const deep = `${'*a '.repeat(3000)}${' a*'.repeat(3000)}`;
    expect(plainTextOf(parseMessage(deep)).replace(/\*/g, '')).toBe(deep.replace(/\*/g, ''));
    expect(plainTextOf(parseMessage('>'.repeat(5000) + ' deep'))).toContain('deep');
    expect(plainTextOf(parseMessage('['.repeat(5000) + ']('.repeat(5000)))).toHaveLength(15000);
  });
});
