// Loaded on demand by highlight.ts (a chunk of its own, so the first page load does not carry highlight.js): the
// core and the languages people paste most in a team chat.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';
import type { HighlightTree } from './highlight.js';

const languages = { bash, c, cpp, diff, go, java, javascript, json, python, rust, shell, sql, typescript, yaml };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);
hljs.registerAliases(['sh', 'zsh'], { languageName: 'bash' });
hljs.registerAliases(['golang'], { languageName: 'go' });
hljs.registerAliases(['console', 'shellsession'], { languageName: 'shell' });

/**
 * The token tree highlight.js built for `code`, or null for a language it does not know. Its emitter's tree is read
 * rather than its HTML string, so the page never parses markup (highlight.js escapes it, but we need not rely on it).
 */
export function highlightTree(code: string, language: string): HighlightTree | null {
  if (!hljs.getLanguage(language)) return null;
  const result = hljs.highlight(code, { language, ignoreIllegals: true });
  const root = (result._emitter as unknown as { root?: unknown }).root;
  return isTree(root) ? root : null;
}

function isTree(node: unknown): node is HighlightTree {
  return typeof node === 'object' && node !== null && Array.isArray((node as { children?: unknown }).children);
}
