import type { ComponentChildren, VNode } from 'preact';
import { describe, expect, test } from 'vitest';
import { CodeBlock } from './code-block.js';
import { parseMessage } from './markdown.js';
import { renderBlocks } from './message-text.js';

interface Seen {
  tag: string;
  props: Record<string, unknown>;
}

/** Every element the renderer would create, with its props (components other than CodeBlock are not expected). */
function elementsOf(children: ComponentChildren): Seen[] {
  if (Array.isArray(children)) return children.flatMap((child: ComponentChildren) => elementsOf(child));
  if (children === null || typeof children !== 'object' || !('type' in children)) return [];
  const vnode = children as VNode<Record<string, unknown>>;
  const tag = typeof vnode.type === 'string' ? vnode.type : (vnode.type as unknown) === CodeBlock ? 'CodeBlock' : `component:${vnode.type.name}`;
  return [{ tag, props: vnode.props }, ...elementsOf(vnode.props.children as ComponentChildren)];
}

const render = (text: string) => elementsOf(renderBlocks(parseMessage(text)));

describe('rendering', () => {
  test('formatting becomes strong, em, u, s and code elements', () => {
    expect(render('**b** *i* __u__ ~~s~~ `c`').map((element) => element.tag)).toEqual(['p', 'strong', 'em', 'u', 's', 'code']);
  });

  test('links open in a new tab without access to this page', () => {
    const [link] = render('see https://example.com').filter((element) => element.tag === 'a');
    expect(link?.props).toMatchObject({ href: 'https://example.com/', target: '_blank', rel: 'noopener noreferrer' });
  });

  test('a code block is a CodeBlock with its language and code as data', () => {
    const [block] = render('```python\nprint("<b>")\n```');
    expect(block).toEqual({ tag: 'CodeBlock', props: { code: 'print("<b>")', language: 'python' } });
  });

  test('trailing parts join the last paragraph, or follow the last block', () => {
    expect(elementsOf(renderBlocks(parseMessage('one\n\ntwo'), '(edited)'))[1]?.props.children).toEqual([['two'], '(edited)']);
    expect(elementsOf(renderBlocks(parseMessage('```\nx\n```'), '(edited)')).map((element) => element.tag)).toEqual(['CodeBlock', 'span']);
  });

  test('a text renderer (mentions) sees plain text, never code or a link label', () => {
    const seen: string[] = [];
    renderBlocks(parseMessage('hi @ann, see `@code` and [@label](https://example.com) **@bold**'), undefined, (text) => {
      seen.push(text);
      return text;
    });
    expect(seen).toEqual(['hi @ann, see ', ' and ', ' ', '@bold']);
  });

  test.each([
    '<img src=x onerror=alert(1)>',
    '[x](javascript:alert(1))',
    '<javascript:alert(1)>',
    '[x](jav&#x09;ascript:alert(1))',
    '![x](https://example.com/p.png)',
    '**<svg onload=alert(1)>**',
    '```"><script>alert(1)</script>\nx\n```',
    '[a](https://example.com/"onclick="alert(1))',
  ])('%j creates only known elements, no HTML and no unsafe href', (text) => {
    for (const { tag, props } of render(text)) {
      expect(['p', 'strong', 'em', 'u', 's', 'code', 'a', 'ul', 'ol', 'li', 'blockquote', 'span', 'CodeBlock']).toContain(tag);
      expect(props).not.toHaveProperty('dangerouslySetInnerHTML');
      expect(Object.keys(props).filter((name) => /^on/i.test(name))).toEqual([]);
      if (tag === 'a') expect(props.href).toMatch(/^https?:\/\/[^/"]+\/[^"]*$/);
    }
  });
});
