// What a preview card shows, decided without a DOM: which links may be followed, which images loaded, and the rows
// of a source preview.
import type { LinkPreview, SourcePreview } from '../../../shared/protocol/previews.js';

/** The link to open, or null when it is not http(s) (never `javascript:` or `data:`). */
export function safeLink(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Only images this server re-encoded are shown; the browser never loads a third party's image. */
export function previewImage(preview: LinkPreview): { src: string; width: number; height: number } | null {
  const src = preview.imageUrl;
  if (src === null || !/^\/api\/previews\/[A-Za-z0-9_-]{22}\/image$/.test(src)) return null;
  return { src, width: preview.imageWidth ?? 480, height: preview.imageHeight ?? 252 };
}

export interface SourceRow {
  number: number;
  text: string;
  highlighted: boolean;
}

export function sourceRows(source: SourcePreview): SourceRow[] {
  const { highlight } = source;
  return source.lines.map((text, i) => {
    const number = source.firstLine + i;
    return { number, text, highlighted: highlight !== null && number >= highlight.from && number <= highlight.to };
  });
}

/** The host shown under the title when the page named no site. */
export function siteLabel(preview: LinkPreview): string | null {
  if (preview.siteName) return preview.siteName;
  try {
    return new URL(preview.url).host;
  } catch {
    return null;
  }
}
