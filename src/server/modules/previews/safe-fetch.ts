import { lookup as dnsLookup } from 'node:dns/promises';
import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { Agent, Dispatcher, request as undiciRequest } from 'undici';
import { checkAddress } from './address-rules.js';
import { bareHost, isAllowListed, normaliseLink } from './preview-url.js';

// Fetching a link for a preview without letting a message make the server reach into its own network (SSRF).
// The check is made where the connection is opened: undici asks our `connect` for a socket, we resolve the name
// once, refuse the connection if any of its addresses is not public (unless the admin allow-listed the host), and
// connect to the address we checked. A DNS answer that changes between a check and a connect (rebinding) cannot
// slip in, because there is no second lookup. Redirects are followed by hand, so each hop's host meets the same
// connect-time check.

/** The network as the fetcher sees it: injectable so tests never resolve a real name or leave loopback. */
export interface PreviewNet {
  /** Every address of a host name (never asked for IP literals). */
  lookup(hostname: string): Promise<readonly { address: string }[]>;
  /** A TCP connection to an address that already passed the rules, resolved once connected. */
  dial(address: string, port: number, timeoutMs: number): Promise<Socket>;
  /** Certificate authorities to trust instead of Node's bundle (tests with a local TLS server). */
  ca?: string[];
}

export const systemNet: PreviewNet = {
  lookup: (hostname) => dnsLookup(hostname, { all: true, verbatim: true }),
  dial: (address, port, timeoutMs) =>
    new Promise((resolve, reject) => {
      const socket = tcpConnect({ host: address, port });
      const fail = (err: Error) => {
        socket.destroy();
        reject(err);
      };
      socket.setTimeout(timeoutMs, () => fail(new Error(`connecting to ${address}:${port} timed out`)));
      socket.once('error', fail);
      socket.once('connect', () => {
        socket.setTimeout(0);
        socket.removeListener('error', fail);
        resolve(socket);
      });
    }),
};

/** Why a link got no preview: `refused` by the rules (never connected), or `failed` on the way. */
export class PreviewFetchError extends Error {
  constructor(
    readonly kind: 'refused' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'PreviewFetchError';
  }
}

const refused = (message: string) => new PreviewFetchError('refused', message);
const failed = (message: string) => new PreviewFetchError('failed', message);

export interface FetchRequest {
  url: string;
  accept: string;
  /** Whether the answer's media type is what was asked for (checked before the body is read). */
  acceptsType: (mediaType: string) => boolean;
  maxBytes: number;
  /** `truncate`: keep the first maxBytes (an HTML head is enough); `refuse`: a larger body is an error. */
  overflow: 'truncate' | 'refuse';
  /** When this fetch must be over (epoch ms), if sooner than the fetcher's own time limit. */
  deadline?: number;
}

export interface FetchedBody {
  /** The URL that answered, after redirects. */
  url: string;
  mediaType: string;
  charset: string | null;
  body: Buffer;
}

export interface SafeFetcher {
  fetch(request: FetchRequest): Promise<FetchedBody>;
  close(): Promise<void>;
}

/** Stops reading an answer; the abort this raises on the stream is expected, not an error to report. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

export const USER_AGENT = 'MiniMost link preview (self-hosted chat)';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function createSafeFetcher(options: {
  net: PreviewNet;
  allowHosts: readonly string[];
  /** For everything one link takes: connects, redirects, the body. */
  timeoutMs: number;
  maxRedirects: number;
}): SafeFetcher {
  const { net, allowHosts, timeoutMs } = options;

  /** Every address passed the rules; the first that answers is used (an IPv6 address first on an IPv4-only host). */
  async function dialFirst(addresses: readonly { address: string }[], port: number): Promise<Socket> {
    let lastError: unknown = null;
    for (const { address } of addresses) {
      try {
        return await net.dial(address, port, timeoutMs);
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError;
  }

  async function openChecked(hostname: string, port: number, secure: boolean): Promise<Socket | TLSSocket> {
    const host = bareHost(hostname);
    const addresses = isIP(host) ? [{ address: host }] : await net.lookup(host).catch(() => []);
    if (addresses.length === 0) throw failed(`${host} has no address`);
    if (!isAllowListed(allowHosts, host, port)) {
      for (const { address } of addresses) {
        const verdict = checkAddress(address);
        if (!verdict.allowed) throw refused(`${host} leads to ${address}, ${verdict.reason}`);
      }
    }
    const socket = await dialFirst(addresses, port);
    if (!secure) return socket;
    return new Promise((resolve, reject) => {
      const tls = tlsConnect({ socket, servername: isIP(host) ? undefined : host, ca: net.ca, ALPNProtocols: ['http/1.1'] });
      tls.once('error', (err) => {
        tls.destroy();
        reject(err);
      });
      tls.once('secureConnect', () => resolve(tls));
    });
  }

  // undici is loaded with the first link to preview: a server that never fetches one does not carry it.
  let client: Promise<{ agent: Agent; request: typeof undiciRequest }> | null = null;
  const openClient = () =>
    (client ??= import('undici').then(({ Agent, request }) => ({
      request,
      agent: new Agent({
        connect: (opts, callback) => {
          const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
          openChecked(opts.hostname, port, opts.protocol === 'https:').then(
            (socket) => callback(null, socket),
            (err: Error) => callback(err, null),
          );
        },
        keepAliveTimeout: 1000,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      }),
    })));

  async function readBody(body: Dispatcher.ResponseData['body'], req: FetchRequest): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      if (size + buffer.length > req.maxBytes) {
        discard(body);
        if (req.overflow === 'refuse') throw failed(`larger than ${req.maxBytes} bytes`);
        chunks.push(buffer.subarray(0, req.maxBytes - size));
        return Buffer.concat(chunks);
      }
      chunks.push(buffer);
      size += buffer.length;
    }
    return Buffer.concat(chunks);
  }

  async function fetchOnce(req: FetchRequest, signal: AbortSignal): Promise<FetchedBody> {
    const first = normaliseLink(req.url);
    if (!first) throw refused('not an http(s) link without user info');
    let current: string = first;
    const { agent, request } = await openClient();
    for (let hop = 0; ; hop++) {
      const answer: Dispatcher.ResponseData = await request(current, {
        dispatcher: agent,
        method: 'GET',
        headers: { 'user-agent': USER_AGENT, accept: req.accept },
        signal,
      });
      if (REDIRECTS.has(answer.statusCode)) {
        discard(answer.body);
        if (hop >= options.maxRedirects) throw refused(`more than ${options.maxRedirects} redirects`);
        const location: unknown = answer.headers.location;
        const next: string | null = typeof location === 'string' ? normaliseLink(location, current) : null;
        if (!next) throw refused('redirected to a link that cannot be previewed');
        current = next;
        continue;
      }
      if (answer.statusCode !== 200) {
        discard(answer.body);
        throw failed(`answered HTTP ${answer.statusCode}`);
      }
      const contentType = String(answer.headers['content-type'] ?? '');
      const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
      if (!req.acceptsType(mediaType)) {
        discard(answer.body);
        throw refused(`unexpected content type "${mediaType}"`);
      }
      const length = Number(answer.headers['content-length'] ?? Number.NaN);
      if (req.overflow === 'refuse' && length > req.maxBytes) {
        discard(answer.body);
        throw failed(`larger than ${req.maxBytes} bytes`);
      }
      const charset = /charset="?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? null;
      return { url: current, mediaType, charset, body: await readBody(answer.body, req) };
    }
  }

  return {
    async fetch(req) {
      const controller = new AbortController();
      const limit = Math.max(0, Math.min(timeoutMs, (req.deadline ?? Infinity) - Date.now()));
      const timer = setTimeout(() => controller.abort(failed(`no complete answer within ${timeoutMs} ms`)), limit);
      try {
        return await fetchOnce(req, controller.signal);
      } catch (err) {
        if (err instanceof PreviewFetchError) throw err;
        if (controller.signal.aborted) throw controller.signal.reason as Error;
        const cause = (err as { cause?: unknown }).cause;
        if (cause instanceof PreviewFetchError) throw cause;
        throw failed((err as Error).message);
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      if (client) await (await client).agent.close();
    },
  };
}
