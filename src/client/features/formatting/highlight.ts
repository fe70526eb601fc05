// Syntax colouring for code blocks: highlight.js is fetched the first time a code block is shown (see
// highlight-languages.ts), and its token tree becomes lines of plain spans. Until it arrives, and for languages it
// does not know, code shows uncoloured.
import { signal } from '@preact/signals';

/** highlight.js's token tree: text, or a scope (e.g. `title.function`) around more of it. */
export interface HighlightTree {
  scope?: string;
  children: (string | HighlightTree)[];
}

/** A run of text with the CSS classes of its innermost scope ('' for none). */
export interface Segment {
  text: string;
  className: string;
}

export type Line = Segment[];

type Highlighter = (code: string, language: string) => HighlightTree | null;

/** Set once the highlighter chunk has loaded; components reading it re-render then. */
export const highlighter = signal<Highlighter | null>(null);
let loading: Promise<void> | null = null;

export function loadHighlighter(): Promise<void> {
  loading ??= import('./highlight-languages.js').then(
    (module) => {
      highlighter.value = module.highlightTree;
    },
    () => {
      // Offline after an update, say: code stays readable, just uncoloured; the next code block tries again.
      loading = null;
    },
  );
  return loading;
}

/** highlight.js's class names for a scope: `title.function` → `hljs-title function_`, as its themes expect. */
export function scopeClasses(scope: string): string {
  if (scope.startsWith('language:')) return '';
  const [first, ...rest] = scope.split('.');
  return [`hljs-${first}`, ...rest.map((piece, index) => `${piece}${'_'.repeat(index + 1)}`)].join(' ');
}

/** Code as lines of uncoloured text. */
export function plainLines(code: string): Line[] {
  return code.split('\n').map((text) => (text === '' ? [] : [{ text, className: '' }]));
}

/** Splits a token tree into lines, each segment carrying its innermost scope's classes. */
export function linesOf(tree: HighlightTree): Line[] {
  const lines: Line[] = [[]];
  const walk = (node: HighlightTree, className: string) => {
    const own = node.scope ? scopeClasses(node.scope) || className : className;
    for (const child of node.children) {
      if (typeof child !== 'string') {
        walk(child, own);
        continue;
      }
      child.split('\n').forEach((text, index) => {
        if (index > 0) lines.push([]);
        if (text !== '') (lines[lines.length - 1] as Line).push({ text, className: own });
      });
    }
  };
  walk(tree, '');
  return lines;
}

/** The code's lines, coloured when the highlighter is loaded and knows the language. */
export function highlightCode(code: string, language: string, highlight: Highlighter | null): Line[] {
  const tree = highlight && language ? highlight(code, language.toLowerCase()) : null;
  return tree ? linesOf(tree) : plainLines(code);
}
