// The one gate every link in a message passes: only web pages and e-mail addresses are ever clickable, so a
// `javascript:`, `data:` or `vbscript:` URL (however it is spelled or encoded) stays text.

const ALLOWED_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

/** The URL to put in an `href`, or null when it must not be a link. Relative URLs are refused too. */
export function safeHref(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  return url.href;
}

/** markdown-it asks this of every link destination (already entity-decoded and percent-encoded) it parses. */
export function isAllowedLink(url: string): boolean {
  return /^(?:https?:\/\/|mailto:)/i.test(url) && safeHref(url) !== null;
}
