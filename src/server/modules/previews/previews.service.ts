import { readFile } from 'node:fs/promises';
import type { LinkPreview } from '../../../shared/protocol/previews.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { accessConversation } from '../conversations/access.js';
import type { Actor } from '../conversations/conversations.service.js';
import type { ConversationStore } from '../conversations/conversations.store.js';
import type { MessageRecord, MessageStore } from '../messages/messages.store.js';
import { parseSourceLink, sourceWindow, type SourceLink } from './bitbucket.js';
import { acceptsImageType, IMAGE_MAX_BYTES, imageFile, storePreviewImage } from './preview-image.js';
import { findLinks } from './preview-url.js';
import type { PreviewStore } from './previews.store.js';
import { createSafeFetcher, PreviewFetchError, systemNet, type PreviewNet } from './safe-fetch.js';

export const PAGE_MAX_BYTES = 1024 * 1024;
export const SOURCE_MAX_BYTES = 1024 * 1024;
export const FETCH_TIMEOUT_MS = 5000;
export const MAX_REDIRECTS = 3;
const CACHE_MS = 24 * 60 * 60_000;

// The HTML parser is loaded with the first link to preview, not at start-up.
const openGraph = () => import('./open-graph.js');
/** A link that gave nothing is tried again after this long (the page may have been down). */
const FAILURE_CACHE_MS = 10 * 60_000;
/** Links fetched at once; the rest wait, so a burst of messages cannot open hundreds of connections. */
const CONCURRENCY = 4;

const isHtml = (type: string) => type === 'text/html' || type === 'application/xhtml+xml';
/**
 * Raw source files come as text of some kind; media and archives are not previewed as lines. Bitbucket serves raw
 * files as text/plain whatever their name, so an HTML answer is a sign-in page (a private repository), not the file.
 */
const isText = (type: string) => (type.startsWith('text/') && type !== 'text/html') || ['application/json', 'application/xml', 'application/javascript', 'application/x-sh', 'application/octet-stream'].includes(type);

export interface PreviewServiceDeps {
  store: PreviewStore;
  messages: MessageStore;
  conversations: ConversationStore;
  clock: Clock;
  /** Where re-encoded preview images are kept (`<data folder>/previews`). */
  imageDir: string;
  enabled: boolean;
  allowHosts: readonly string[];
  /** Announces a message whose previews changed (messages.service `announceUpdate`). */
  announceUpdate: (record: MessageRecord) => Promise<void>;
  net?: PreviewNet;
  timeoutMs?: number;
  onError?: (err: unknown) => void;
  /** Told why a link got no preview (debug log). */
  onSkipped?: (url: string, reason: string) => void;
}

/**
 * Previews are made after a message is stored and announced, never on the way: the sender's acknowledgement does
 * not wait for third-party servers. When they are ready the message takes a new seq and is announced again.
 */
export function createPreviewService(deps: PreviewServiceDeps) {
  const { store, clock } = deps;
  const timeoutMs = deps.timeoutMs ?? FETCH_TIMEOUT_MS;
  const fetcher = createSafeFetcher({ net: deps.net ?? systemNet, allowHosts: deps.allowHosts, timeoutMs, maxRedirects: MAX_REDIRECTS });
  const inFlight = new Map<string, Promise<LinkPreview | null>>();
  const running = new Set<Promise<void>>();
  let active = 0;
  const waiting: (() => void)[] = [];

  async function limited<T>(task: () => Promise<T>): Promise<T> {
    if (active >= CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  }

  async function fetchImage(url: string, deadline: number): Promise<{ imageUrl: string; imageWidth: number; imageHeight: number } | null> {
    try {
      const image = await fetcher.fetch({ url, accept: 'image/webp,image/png,image/jpeg,image/gif,image/avif', acceptsType: acceptsImageType, maxBytes: IMAGE_MAX_BYTES, overflow: 'refuse', deadline });
      const stored = await storePreviewImage(deps.imageDir, image.body);
      return { imageUrl: `/api/previews/${stored.id}/image`, imageWidth: stored.width, imageHeight: stored.height };
    } catch (err) {
      deps.onSkipped?.(url, `image: ${(err as Error).message}`);
      return null;
    }
  }

  async function sourcePreview(url: string, link: SourceLink, deadline: number): Promise<LinkPreview | null> {
    try {
      const raw = await fetcher.fetch({ url: link.rawUrl, accept: 'text/plain,*/*;q=0.5', acceptsType: isText, maxBytes: SOURCE_MAX_BYTES, overflow: 'refuse', deadline });
      if (raw.body.includes(0)) throw new PreviewFetchError('refused', 'a binary file');
      const { decodePage } = await openGraph();
      const source = sourceWindow(decodePage(raw.body, raw.charset), link.path, link.highlight);
      const name = link.path.split('/').pop() ?? link.path;
      return { url, title: name, description: `${link.repository} · ${link.path}`, siteName: link.siteName, imageUrl: null, source };
    } catch (err) {
      deps.onSkipped?.(url, `source: ${(err as Error).message}`);
      return null;
    }
  }

  async function pagePreview(url: string, deadline: number): Promise<LinkPreview | null> {
    const page = await fetcher.fetch({ url, accept: 'text/html,application/xhtml+xml', acceptsType: isHtml, maxBytes: PAGE_MAX_BYTES, overflow: 'truncate', deadline });
    const { decodePage, parsePageCard } = await openGraph();
    const card = parsePageCard(decodePage(page.body, page.charset), page.url);
    if (card.title === null && card.description === null) return null;
    const image = card.imageUrl ? await fetchImage(card.imageUrl, deadline) : null;
    return { url, title: card.title, description: card.description, siteName: card.siteName, imageUrl: null, ...image };
  }

  async function makePreview(url: string): Promise<LinkPreview | null> {
    const cached = await store.cachedLink(url, clock.now());
    if (cached) return cached.preview;
    let preview: LinkPreview | null = null;
    // One time limit for everything a link takes: the raw file or the page, and the page's image.
    const deadline = Date.now() + timeoutMs;
    try {
      const source = parseSourceLink(url);
      preview = (source ? await sourcePreview(url, source, deadline) : null) ?? (await pagePreview(url, deadline));
    } catch (err) {
      if (!(err instanceof PreviewFetchError)) deps.onError?.(err);
      deps.onSkipped?.(url, (err as Error).message);
    }
    const now = clock.now();
    await store.rememberLink(url, preview, now, now + (preview ? CACHE_MS : FAILURE_CACHE_MS));
    return preview;
  }

  /** One fetch per link at a time, however many messages carry it. */
  function previewLink(url: string): Promise<LinkPreview | null> {
    let pending = inFlight.get(url);
    if (!pending) {
      pending = limited(() => makePreview(url)).finally(() => inFlight.delete(url));
      inFlight.set(url, pending);
    }
    return pending;
  }

  async function refresh(record: MessageRecord): Promise<void> {
    const body = record.body ?? '';
    const links = findLinks(body);
    const previews = (await Promise.all(links.map(previewLink))).filter((p): p is LinkPreview => p !== null);
    const updated = await store.attachPreviews(record.id, body, previews);
    if (updated) await deps.announceUpdate(updated);
  }

  return {
    /**
     * Called after a message was sent or edited (and announced). Starts fetching in the background when its links
     * changed; an edit that keeps the same links keeps the previews it has.
     */
    messageChanged(record: MessageRecord, previousBody: string | null): void {
      if (!deps.enabled || record.kind !== 'user' || record.body === null) return;
      const links = findLinks(record.body);
      if (previousBody !== null && JSON.stringify(findLinks(previousBody)) === JSON.stringify(links)) return;
      if (links.length === 0 && record.previews.length === 0) return;
      const job = refresh(record).catch((err: unknown) => deps.onError?.(err));
      running.add(job);
      void job.finally(() => running.delete(job));
    },

    /** The author takes a message's previews off; they do not come back when it is edited. */
    async removePreviews(actor: Actor, messageId: number): Promise<void> {
      const record = await deps.messages.getMessage(messageId);
      const access = record ? await accessConversation(deps.conversations, actor.id, record.conversationId).catch(() => null) : null;
      if (!record || !access || record.seq <= access.membership.historyFromSeq || record.deletedAt !== null) {
        throw new AppError('NOT_FOUND', 'No such message.');
      }
      if (record.kind === 'system' || record.authorId !== actor.id) {
        throw new AppError('FORBIDDEN', 'You can only remove previews from your own messages.');
      }
      if (await store.previewsRemoved(messageId)) return;
      await deps.announceUpdate(await store.removePreviews(messageId));
    },

    /** A stored preview image (WebP), or a 404. */
    async readImage(id: string): Promise<Buffer> {
      try {
        return await readFile(imageFile(deps.imageDir, id));
      } catch {
        throw new AppError('NOT_FOUND', 'No such image.');
      }
    },

    previewLink,

    /** Resolves when every preview started so far is stored and announced (tests, shutdown). */
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.all([...running]);
    },

    async close(): Promise<void> {
      await this.settled();
      await fetcher.close();
    },
  };
}

export type PreviewService = ReturnType<typeof createPreviewService>;
