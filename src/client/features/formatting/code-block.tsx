// A block of code: language label, Copy button, syntax colouring once highlight.js has loaded, and optionally line
// numbers with a marked range (file previews and links to lines of a source file use those).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { highlighter, highlightCode, loadHighlighter } from './highlight.js';

export interface CodeBlockProps {
  code: string;
  /** A highlight.js language name or alias (`python`, `ts`, `sh`…; a file's extension usually is one); '' for none. */
  language: string;
  /** Shown in the header; defaults to the language. */
  label?: string;
  /** Numbers the lines from here (e.g. 120 for an excerpt of a file); no numbers when absent. */
  firstLine?: number;
  /** Lines to mark, in the same numbering (inclusive). */
  marked?: { from: number; to: number };
}

const COPIED_FOR_MS = 2000;

export function CodeBlock({ code, language, label = language, firstLine, marked }: CodeBlockProps) {
  const highlight = highlighter.value;
  useEffect(() => {
    if (language && !highlight) void loadHighlighter();
  }, [language, highlight]);
  const lines = useMemo(() => highlightCode(code, language, highlight), [code, language, highlight]);
  const numbered = firstLine !== undefined;
  const first = firstLine ?? 1;

  return (
    <figure class={`code-block${numbered ? ' is-numbered' : ''}`} aria-label={label ? `Code: ${label}` : 'Code'}>
      <figcaption class="code-block-header">
        <span class="code-block-language">{label}</span>
        <CopyButton text={code} />
      </figcaption>
      <pre class="code-block-body">
        <code class={`hljs${language ? ` language-${language.replace(/[^\w+#-]/g, '')}` : ''}`}>
          {lines.map((segments, index) => {
            const number = first + index;
            const isMarked = marked !== undefined && number >= marked.from && number <= marked.to;
            return (
              <span key={index} class={`code-line${isMarked ? ' is-marked' : ''}`}>
                {numbered && (
                  <span class="code-line-number" aria-hidden="true">
                    {number}
                  </span>
                )}
                <span class="code-line-text">
                  {segments.map((segment, at) => (segment.className ? <span key={at} class={segment.className}>{segment.text}</span> : segment.text))}
                </span>
              </span>
            );
          })}
        </code>
      </pre>
    </figure>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    if (!(await copyText(text))) return;
    setCopied(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), COPIED_FOR_MS);
  };
  return (
    <button type="button" class="code-block-copy" aria-live="polite" onClick={() => void copy()}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/** The async Clipboard API needs a secure context; over plain HTTP on a LAN address the old copy command still works. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, or the document lost focus): fall through to the old way.
  }
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.className = 'visually-hidden';
  document.body.append(field);
  field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    field.remove();
  }
}
