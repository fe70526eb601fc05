import type { SourcePreview } from '../../../shared/protocol/previews.js';

// Source-file links of Bitbucket Cloud and Bitbucket Server / Data Center, and the window of lines their preview
// shows. Both products keep the linked line range in the fragment, which browsers never send, so the server reads it
// from the link itself and fetches the raw file.

export interface SourceLink {
  /** Where the file's raw text is served. */
  rawUrl: string;
  path: string;
  /** "workspace/repo" (Cloud) or "PROJECT/repo" (Server). */
  repository: string;
  siteName: string;
  highlight: { from: number; to: number } | null;
}

/** Lines shown at most; a longer linked range shows its start. */
export const WINDOW_LINES = 30;
/** Lines of context above a linked range, when the window has room. */
const CONTEXT_LINES = 5;
const LINE_MAX_CHARS = 300;

function range(from: string | undefined, to: string | undefined): { from: number; to: number } | null {
  const a = Number(from);
  const b = to === undefined ? a : Number(to);
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 1 || b < 1) return null;
  return { from: Math.min(a, b), to: Math.max(a, b) };
}

function decodedPath(segments: string): string | null {
  try {
    const path = decodeURIComponent(segments);
    return path === '' || path.split('/').includes('..') ? null : path;
  } catch {
    return null;
  }
}

/** Bitbucket Cloud: https://bitbucket.org/<ws>/<repo>/src/<ref>/<path>#lines-10:20 */
function cloudLink(url: URL): SourceLink | null {
  if (url.hostname !== 'bitbucket.org') return null;
  const match = /^\/([^/]+)\/([^/]+)\/src\/([^/]+)\/(.+)$/.exec(url.pathname);
  if (!match) return null;
  const [, workspace, repo, ref, rest] = match as unknown as [string, string, string, string, string];
  const path = decodedPath(rest);
  if (!path || path.endsWith('/')) return null;
  // Linear: an optional group of digits after a fixed separator, no nested repetition.
  // eslint-disable-next-line security/detect-unsafe-regex
  const lines = /^#lines-(\d+)(?::(\d+))?/.exec(url.hash);
  return {
    rawUrl: `https://bitbucket.org/${workspace}/${repo}/raw/${ref}/${rest}`,
    path,
    repository: `${decodeURIComponent(workspace)}/${decodeURIComponent(repo)}`,
    siteName: 'Bitbucket',
    highlight: lines ? range(lines[1], lines[2]) : null,
  };
}

/** Bitbucket Server / Data Center: https://host[/context]/projects/<P>/repos/<r>/browse/<path>?at=<ref>#10-20 */
function serverLink(url: URL): SourceLink | null {
  const match = /^(.*)\/(projects|users)\/([^/]+)\/repos\/([^/]+)\/browse\/(.+)$/.exec(url.pathname);
  if (!match) return null;
  const [, context, kind, project, repo, rest] = match as unknown as [string, string, string, string, string, string];
  const path = decodedPath(rest);
  if (!path || path.endsWith('/')) return null;
  const raw = new URL(`${url.origin}${context}/${kind}/${project}/repos/${repo}/raw/${rest}`);
  const at = url.searchParams.get('at');
  if (at) raw.searchParams.set('at', at);
  // Linear: an optional group of digits after a fixed separator, no nested repetition.
  // eslint-disable-next-line security/detect-unsafe-regex
  const lines = /^#(\d+)(?:-(\d+))?/.exec(url.hash);
  return {
    rawUrl: raw.href,
    path,
    repository: `${decodeURIComponent(project)}/${decodeURIComponent(repo)}`,
    siteName: 'Bitbucket Server',
    highlight: lines ? range(lines[1], lines[2]) : null,
  };
}

/** The source file a link points at, when it is a Bitbucket file link. */
export function parseSourceLink(link: string): SourceLink | null {
  const url = new URL(link);
  return cloudLink(url) ?? serverLink(url);
}

const LANGUAGES: Record<string, string> = {
  py: 'python', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript', ts: 'typescript', tsx: 'typescript',
  c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp', go: 'go', rs: 'rust', java: 'java', kt: 'kotlin',
  sh: 'bash', bash: 'bash', zsh: 'bash', sql: 'sql', json: 'json', yml: 'yaml', yaml: 'yaml', diff: 'diff', patch: 'diff',
  rb: 'ruby', php: 'php', cs: 'csharp', swift: 'swift', scala: 'scala', xml: 'xml', html: 'xml', css: 'css', md: 'markdown',
  toml: 'ini', ini: 'ini', lua: 'lua', pl: 'perl', r: 'r', dockerfile: 'dockerfile', makefile: 'makefile', gradle: 'groovy',
};

/** A highlight.js language for a file name, or null for plain text. */
export function languageOf(path: string): string | null {
  const name = (path.split('/').pop() ?? '').toLowerCase();
  if (name === 'dockerfile' || name === 'makefile') return LANGUAGES[name] ?? null;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? (LANGUAGES[name.slice(dot + 1)] ?? null) : null;
}

/**
 * The lines to show: the linked range with a little context above, or the top of the file when no lines were
 * linked; at most WINDOW_LINES. A range past the end of the file highlights nothing.
 */
export function sourceWindow(text: string, path: string, highlight: SourceLink['highlight']): SourcePreview {
  const all = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const wanted = highlight && highlight.from <= all.length ? { from: highlight.from, to: Math.min(highlight.to, all.length) } : null;
  let first = 1;
  if (wanted) {
    const span = wanted.to - wanted.from + 1;
    first = span >= WINDOW_LINES ? wanted.from : Math.max(1, wanted.from - Math.min(CONTEXT_LINES, WINDOW_LINES - span));
  }
  const lines = all.slice(first - 1, first - 1 + WINDOW_LINES).map((line) => ([...line].length > LINE_MAX_CHARS ? `${[...line].slice(0, LINE_MAX_CHARS).join('')}…` : line));
  return { path, language: languageOf(path), firstLine: first, lines, highlight: wanted };
}
