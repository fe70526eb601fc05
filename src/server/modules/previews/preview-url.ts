// Finding links in a message and deciding which may be previewed, by the WHATWG URL parser's reading of them (the
// same one undici uses), so odd spellings such as http://2130706433/ or http://0x7f.1/ arrive here already turned
// into the dotted address they mean and meet the same address rules as any other.

/** At most this many links of a message get a preview. */
export const MAX_LINKS_PER_MESSAGE = 3;
const MAX_URL_LENGTH = 2048;

// Up to the first space, quote or angle bracket; trailing punctuation is trimmed below.
const LINK = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?*_~]+$/;

function trimLink(raw: string): string {
  let link = raw.replace(TRAILING, '');
  // A closing bracket belongs to the link only when the link opened one ("…/Foo_(bar)").
  for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
    while (link.endsWith(close) && link.split(close).length > link.split(open).length) {
      link = link.slice(0, -1).replace(TRAILING, '');
    }
  }
  return link;
}

/** The distinct http(s) links of a message, in order, at most MAX_LINKS_PER_MESSAGE. */
export function findLinks(text: string): string[] {
  // Every message passes here on its way out; most hold no link at all.
  if (!text.includes('://')) return [];
  const found: string[] = [];
  for (const match of text.matchAll(LINK)) {
    const url = normaliseLink(trimLink(match[0]));
    if (url && !found.includes(url)) found.push(url);
    if (found.length === MAX_LINKS_PER_MESSAGE) break;
  }
  return found;
}

/**
 * The link as the server will fetch it, or null when it may not be previewed: another scheme, user info
 * (`http://evil@127.0.0.1/` reads as a visit to 127.0.0.1, and credentials never travel), no host, or too long.
 * The host loses a trailing dot so `localhost.` and `localhost` are one name for the allowlist. The fragment stays
 * (Bitbucket line ranges live there); undici never sends it.
 */
export function normaliseLink(raw: string, base?: string): string | null {
  if (raw.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.hostname === '') return null;
  const host = url.hostname.replace(/\.+$/, '');
  if (host === '') return null;
  if (host !== url.hostname) url.hostname = host;
  return url.href;
}

/** The port a URL connects to, default ports included. */
export function effectivePort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** A host name as the allowlist and the address rules compare it: lower case, no brackets, no trailing dot. */
export function bareHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.+$/, '');
}

/**
 * Whether the admin's `preview_allow_hosts` lets this host and port skip the private-address rules. An entry is a
 * host (any port) or host:port; IPv6 entries are written in brackets ("[fd00::5]:7990").
 */
export function isAllowListed(allowHosts: readonly string[], hostname: string, port: number): boolean {
  const host = bareHost(hostname);
  return allowHosts.some((entry) => {
    // Linear: an optional group of digits after a fixed separator, no nested repetition.
    // eslint-disable-next-line security/detect-unsafe-regex
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry.trim().toLowerCase());
    if (!match) return false;
    return bareHost(match[1] as string) === host && (match[2] === undefined || Number(match[2]) === port);
  });
}
