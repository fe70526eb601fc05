// A message's Markdown as a small tree of known elements (no DOM, no HTML strings): message-text.tsx turns it into
// Preact elements, so nothing a user types ever reaches the page as markup. markdown-it parses with HTML off; this
// module keeps only the token types below and drops the rest to text.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { isAllowedLink, safeHref } from './safe-url.js';

export type InlineTag = 'strong' | 'em' | 'u' | 's';

export type FormattedNode =
  | string
  | { tag: InlineTag | 'p' | 'li' | 'ul' | 'blockquote'; children: FormattedNode[] }
  | { tag: 'ol'; start: number; children: FormattedNode[] }
  | { tag: 'a'; href: string; children: FormattedNode[] }
  | { tag: 'code'; text: string }
  | { tag: 'pre'; language: string; code: string };

/** How deeply elements may nest (quotes in lists in quotes, emphasis in emphasis…), per block and per line. */
const MAX_DEPTH = 16;
const MAX_QUOTE_DEPTH = 50;

type Parent = Extract<FormattedNode, { children: FormattedNode[] }>;

const markdown = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });
// Chat is not a document: `text\n---` must not turn a line into a heading, indented lines are not code (people
// paste indented text), and tables and rules add little to a message.
markdown.disable(['lheading', 'code', 'table', 'hr']);
markdown.validateLink = isAllowedLink;
// Bare words like `main.py` or `node.js` are not links; `www.` and scheme-ful URLs are (see keepAutoLink).
markdown.linkify.set({ fuzzyIP: false });
markdown.linkify.add('ftp:', null).add('//', null);

/** Parses a message. Pure; the same text always gives the same tree. */
export function parseMessage(text: string): FormattedNode[] {
  // markdown-it stops (and drops the rest) past 100 levels of nesting; such a message is shown as typed instead.
  if (tooDeeplyQuoted(text)) return [{ tag: 'p', children: [text] }];
  const tree = new TreeBuilder();

  for (const token of markdown.parse(text, {})) {
    switch (token.type) {
      case 'paragraph_open':
        // Tight lists hide their paragraphs: the text then sits in the list item itself.
        if (!token.hidden) tree.open({ tag: 'p', children: [] });
        break;
      case 'paragraph_close':
        if (!token.hidden) tree.close();
        break;
      case 'heading_open': {
        // A heading is a bold line: `# Deploy` in a chat should not shout across the whole window.
        tree.open({ tag: 'p', children: [] });
        tree.open({ tag: 'strong', children: [] });
        break;
      }
      case 'heading_close':
        tree.close();
        tree.close();
        break;
      case 'blockquote_open':
        tree.open({ tag: 'blockquote', children: [] });
        break;
      case 'bullet_list_open':
        tree.open({ tag: 'ul', children: [] });
        break;
      case 'ordered_list_open':
        tree.open({ tag: 'ol', start: listStart(token), children: [] });
        break;
      case 'list_item_open':
        tree.open({ tag: 'li', children: [] });
        break;
      case 'blockquote_close':
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'list_item_close':
        tree.close();
        break;
      case 'fence':
        tree.add({ tag: 'pre', language: fenceLanguage(token.info), code: token.content.replace(/\n$/, '') });
        break;
      case 'inline':
        tree.add(...inlineNodes(token.children ?? []));
        break;
      default:
        if (token.content) tree.add(token.content);
    }
  }
  return mergeText(tree.root.children);
}

/** Builds the tree as markdown-it's flat open/close tokens arrive. */
class TreeBuilder {
  readonly root: Parent = { tag: 'p', children: [] };
  private readonly stack: Parent[] = [this.root];

  private get top(): Parent {
    return this.stack[this.stack.length - 1] as Parent;
  }

  add(...nodes: FormattedNode[]): void {
    this.top.children.push(...nodes);
  }

  open(node: Parent): void {
    // Deeper than this, the text stays in the element it is in: `*a *a *a … a* a*` cannot build a tree deep enough
    // to overflow the renderer's stack.
    if (this.stack.length > MAX_DEPTH) {
      this.stack.push(this.top);
      return;
    }
    this.top.children.push(node);
    this.stack.push(node);
  }

  close(): void {
    if (this.stack.length > 1) this.stack.pop();
  }
}

function tooDeeplyQuoted(text: string): boolean {
  for (const line of text.split('\n')) {
    const prefix = /^[ \t>]*/.exec(line)?.[0] ?? '';
    if (prefix.split('>').length > MAX_QUOTE_DEPTH) return true;
  }
  return false;
}

function listStart(token: Token): number {
  const start = Number(token.attrGet('start') ?? 1);
  return Number.isSafeInteger(start) && start >= 0 ? start : 1;
}

/** The first word of a fence's info string, which is all a language label needs. */
function fenceLanguage(info: string): string {
  return (info.trim().split(/\s+/)[0] ?? '').slice(0, 32);
}

function inlineNodes(tokens: Token[]): FormattedNode[] {
  const tree = new TreeBuilder();
  // Links that may not be links: their opening was skipped, so their closing must be too.
  const skippedLinks: boolean[] = [];

  for (const [index, token] of tokens.entries()) {
    switch (token.type) {
      case 'text':
        tree.add(token.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        // A newline, not <br>: the text is laid out with `white-space: pre-wrap`, and copying it or reading its
        // textContent keeps the line breaks as typed.
        tree.add('\n');
        break;
      case 'code_inline':
        tree.add({ tag: 'code', text: token.content });
        break;
      case 'strong_open':
        // `__x__` underlines (a chat convention); `**x**` is bold.
        tree.open({ tag: token.markup === '__' ? 'u' : 'strong', children: [] });
        break;
      case 'em_open':
        tree.open({ tag: 'em', children: [] });
        break;
      case 's_open':
        tree.open({ tag: 's', children: [] });
        break;
      case 'strong_close':
      case 'em_close':
      case 's_close':
        tree.close();
        break;
      case 'link_open': {
        const href = safeHref(token.attrGet('href') ?? '');
        const keep = href !== null && (token.markup !== 'linkify' || keepAutoLink(tokens[index + 1]));
        skippedLinks.push(!keep);
        if (keep) tree.open({ tag: 'a', href, children: [] });
        break;
      }
      case 'link_close':
        if (skippedLinks.pop() === false) tree.close();
        break;
      case 'image': {
        // Images never load from a message (no tracking pixels, no third-party fetches): they become a link.
        const href = safeHref(token.attrGet('src') ?? '');
        const label = token.content || token.attrGet('src') || '';
        tree.add(href ? { tag: 'a', href, children: [label] } : label);
        break;
      }
      default:
        if (token.content) tree.add(token.content);
    }
  }
  return tree.root.children;
}

/** An auto-detected link is kept when its text names a scheme, starts with `www.`, or is an e-mail address. */
function keepAutoLink(textToken: Token | undefined): boolean {
  const text = textToken?.type === 'text' ? textToken.content : '';
  return /^(?:https?:\/\/|mailto:|www\.)/i.test(text) || /^[^\s@/:]+@[^\s@/:]+$/.test(text);
}

/** Joins neighbouring strings, so a line of text is one text node rather than one per token. */
function mergeText(nodes: FormattedNode[]): FormattedNode[] {
  const merged: FormattedNode[] = [];
  for (const node of nodes) {
    const last = merged[merged.length - 1];
    if (typeof node === 'string') {
      if (node === '') continue;
      if (typeof last === 'string') merged[merged.length - 1] = last + node;
      else merged.push(node);
    } else {
      merged.push('children' in node ? { ...node, children: mergeText(node.children) } : node);
    }
  }
  return merged;
}

/** The text a reader sees (no markers), for tests and for accessible labels. */
export function plainTextOf(nodes: FormattedNode[]): string {
  return nodes
    .map((node) => {
      if (typeof node === 'string') return node;
      if (node.tag === 'code') return node.text;
      if (node.tag === 'pre') return node.code;
      return plainTextOf(node.children);
    })
    .join('');
}
