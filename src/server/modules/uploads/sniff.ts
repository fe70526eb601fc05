import { isUtf8 } from 'node:buffer';

/** Bytes read from the start of a file to decide what it is. */
export const SNIFF_BYTES = 4096;
/** Text files up to this size get a preview of their first lines. */
export const TEXT_PREVIEW_MAX_BYTES = 1024 * 1024;

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp';

export interface Sniffed {
  /** An image format sharp is asked to decode; null for everything else. */
  image: ImageFormat | null;
  /** The type a file is recorded (and served) with when it is not shown as an image. */
  mime: string;
  /** Plain UTF-8 text without NUL bytes (source code, logs, CSV…): eligible for a text preview. */
  text: boolean;
}

const startsWith = (head: Buffer, bytes: readonly number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Buffer, text: string, at = 0) => head.subarray(at, at + text.length).toString('latin1') === text;

/** Formats recognised by their magic numbers. Only these four are ever shown inline (never SVG or HTML). */
export function sniffImage(head: Buffer): ImageFormat | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 'GIF87a') || ascii(head, 'GIF89a')) return 'gif';
  if (ascii(head, 'RIFF') && ascii(head, 'WEBP', 8)) return 'webp';
  return null;
}

export const IMAGE_MIME: Record<ImageFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp' };

/** A few harmless document types, by content; everything else is application/octet-stream. */
function sniffDocument(head: Buffer): string | null {
  if (ascii(head, '%PDF-')) return 'application/pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  if (startsWith(head, [0x1f, 0x8b])) return 'application/gzip';
  return null;
}

/**
 * Decides what a file is from its first bytes (`head`) and whole size, never from its name or the type the client
 * claimed. A UTF-8 text cut mid-character at the end of `head` still counts as text.
 */
export function sniffContent(head: Buffer, size: number): Sniffed {
  const image = sniffImage(head);
  if (image) return { image, mime: IMAGE_MIME[image], text: false };
  const document = sniffDocument(head);
  if (document) return { image: null, mime: document, text: false };
  if (size > 0 && looksLikeText(head, size <= head.length)) return { image: null, mime: 'text/plain', text: true };
  return { image: null, mime: 'application/octet-stream', text: false };
}

function looksLikeText(head: Buffer, whole: boolean): boolean {
  if (head.includes(0)) return false;
  if (isUtf8(head)) return true;
  if (whole) return false;
  // The sample may end inside a multi-byte character: drop up to three trailing bytes and try again.
  for (let cut = 1; cut <= 3; cut++) if (isUtf8(head.subarray(0, head.length - cut))) return true;
  return false;
}
