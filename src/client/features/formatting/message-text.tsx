// A message's words as the reader sees them: Markdown parsed into a tree of known elements (markdown.ts) and built
// here element by element. Nothing is ever set as HTML, so markup in a message shows as typed; links are only
// http(s) and mailto (safe-url.ts) and open in a new tab without handing the page to the site.
import type { ComponentChildren, VNode } from 'preact';
import { useMemo } from 'preact/hooks';
import { CodeBlock } from './code-block.js';
import { isEmojiOnly } from './emoji-only.js';
import { parseMessage, type FormattedNode } from './markdown.js';

/** Turns a run of plain text (never code, never a link's label) into elements, e.g. `@name` into a mention pill. */
export type TextRenderer = (text: string) => ComponentChildren;

interface MessageTextProps {
  text: string;
  /** Shown at the end of the last line when it is text ("(edited)", the ✓), else after the last block. */
  trailing?: ComponentChildren;
  renderText?: TextRenderer;
}

const asIs: TextRenderer = (text) => text;

export function MessageText({ text, trailing, renderText = asIs }: MessageTextProps) {
  const nodes = useMemo(() => (isEmojiOnly(text) ? null : parseMessage(text)), [text]);
  if (nodes === null) {
    return (
      <p class="message-emoji-only">
        {text.trim()}
        {trailing}
      </p>
    );
  }
  return <>{renderBlocks(nodes, trailing, renderText)}</>;
}

/** Blocks, with `trailing` folded into the last one when it is a paragraph. */
export function renderBlocks(nodes: FormattedNode[], trailing?: ComponentChildren, renderText: TextRenderer = asIs): ComponentChildren[] {
  const last = nodes[nodes.length - 1];
  const intoLast = trailing !== undefined && typeof last === 'object' && last.tag === 'p';
  const rendered = nodes.map((node, index) => renderNode(node, index, renderText, intoLast && index === nodes.length - 1 ? trailing : undefined));
  if (trailing !== undefined && !intoLast) rendered.push(<span key="trailing">{trailing}</span>);
  return rendered;
}

function renderNode(node: FormattedNode, key: number, renderText: TextRenderer, trailing?: ComponentChildren): ComponentChildren {
  if (typeof node === 'string') return renderText(node);
  switch (node.tag) {
    case 'code':
      return (
        <code key={key} class="inline-code">
          {node.text}
        </code>
      );
    case 'pre':
      return <CodeBlock key={key} code={node.code} language={node.language} />;
    case 'a':
      return (
        <a key={key} href={node.href} target="_blank" rel="noopener noreferrer" title={node.href}>
          {renderChildren(node.children, asIs)}
        </a>
      );
    case 'ol':
      return (
        <ol key={key} start={node.start}>
          {renderChildren(node.children, renderText)}
        </ol>
      );
    case 'p':
      return (
        <p key={key}>
          {renderChildren(node.children, renderText)}
          {trailing}
        </p>
      );
    default:
      return element(node.tag, key, renderChildren(node.children, renderText));
  }
}

function renderChildren(nodes: FormattedNode[], renderText: TextRenderer): ComponentChildren[] {
  return nodes.map((node, index) => renderNode(node, index, renderText));
}

/** Only these tags are ever created from a message (besides p, a, ol, code and the code block above). */
function element(tag: 'strong' | 'em' | 'u' | 's' | 'li' | 'ul' | 'blockquote', key: number, children: ComponentChildren): VNode {
  switch (tag) {
    case 'strong':
      return <strong key={key}>{children}</strong>;
    case 'em':
      return <em key={key}>{children}</em>;
    case 'u':
      return <u key={key}>{children}</u>;
    case 's':
      return <s key={key}>{children}</s>;
    case 'li':
      return <li key={key}>{children}</li>;
    case 'ul':
      return <ul key={key}>{children}</ul>;
    case 'blockquote':
      return <blockquote key={key}>{children}</blockquote>;
  }
}
