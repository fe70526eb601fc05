import { Parser } from 'htmlparser2';

// The title, description, site name and image a page declares for previews: OpenGraph first, then Twitter cards,
// then <title> and <meta name="description">. htmlparser2 decodes entities; text is trimmed and cut to lengths a
// card can show, so a page cannot fill a message with kilobytes of "description".

export interface PageCard {
  title: string | null;
  description: string | null;
  siteName: string | null;
  /** Absolute http(s) URL of the image, resolved against the page. */
  imageUrl: string | null;
}

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 400;
export const SITE_NAME_MAX = 100;

export function tidyText(raw: string | undefined, max: number): string | null {
  if (raw === undefined) return null;
  // Control characters and runs of white space are never meant for display.
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : text;
}

function absoluteImage(raw: string | undefined, pageUrl: string): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim(), pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function parsePageCard(html: string, pageUrl: string): PageCard {
  // The first value of each key wins, as browsers and the OpenGraph spec read repeated tags.
  const meta = new Map<string, string>();
  let title = '';
  let inTitle = false;
  let titleDone = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title' && !titleDone) inTitle = true;
        if (name !== 'meta') return;
        const key = (attributes.property ?? attributes.name ?? '').trim().toLowerCase();
        const content = attributes.content;
        if (key !== '' && content !== undefined && content.trim() !== '' && !meta.has(key)) meta.set(key, content);
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === 'title' && inTitle) {
          inTitle = false;
          titleDone = true;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const first = (...keys: string[]) => keys.map((k) => meta.get(k)).find((v) => v !== undefined && v.trim() !== '');
  return {
    title: tidyText(first('og:title', 'twitter:title') ?? (titleDone || title ? title : undefined), TITLE_MAX),
    description: tidyText(first('og:description', 'twitter:description', 'description'), DESCRIPTION_MAX),
    siteName: tidyText(first('og:site_name', 'application-name'), SITE_NAME_MAX),
    imageUrl: absoluteImage(first('og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'), pageUrl),
  };
}

/** Decodes a page body by its declared charset, falling back to UTF-8 for unknown or missing ones. */
export function decodePage(body: Buffer, charset: string | null): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
