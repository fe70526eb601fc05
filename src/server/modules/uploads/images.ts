import { writeFile } from 'node:fs/promises';
import { loadSharp } from '../../lib/sharp.js';
import type { ImageFormat } from './sniff.js';

/** The box a thumbnail fits in; the client shows it at most this large. */
export const THUMBNAIL_MAX = { width: 400, height: 300 } as const;
/** Decompression bombs: a 10,000 × 5,000 image is the largest decoded (sharp's default is 268 megapixels). */
const MAX_INPUT_PIXELS = 50_000_000;

export interface ProcessedImage {
  width: number;
  height: number;
}

/**
 * Re-encodes an uploaded image in its own format, so what is served is what libvips wrote: EXIF, XMP and other
 * metadata dropped (sharp writes none unless asked), orientation applied to the pixels first, and anything
 * trailing after the image data gone. Animated GIF and WebP keep every frame (the thumbnail shows the first).
 * Returns null when the file does not decode as the format its first bytes claim: it is then kept as a plain file.
 * Failing to write (disk full, read-only) throws, and may leave `target` or `thumbnail` partly written.
 */
export async function processImage(source: string, format: ImageFormat, target: string, thumbnail: string): Promise<ProcessedImage | null> {
  const encoded = await encodeImage(source, format);
  if (!encoded) return null;
  // Written apart from the decoding, so that a full or read-only disk fails the upload with its own error code
  // instead of passing for an image that does not decode.
  await writeFile(target, encoded.image, { mode: 0o600, flag: 'wx' });
  await writeFile(thumbnail, encoded.thumbnail, { mode: 0o600, flag: 'wx' });
  return { width: encoded.width, height: encoded.height };
}

async function encodeImage(source: string, format: ImageFormat): Promise<(ProcessedImage & { image: Buffer; thumbnail: Buffer }) | null> {
  const animatable = format === 'gif' || format === 'webp';
  const sharp = await loadSharp();
  try {
    const input = sharp(source, { animated: animatable, limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const meta = await input.metadata();
    if (meta.format !== format) return null;
    const animated = (meta.pages ?? 1) > 1;
    // Orientation lives in EXIF, which JPEG (and rarely PNG/WebP) carry; frames of an animation cannot be rotated.
    const oriented = animated ? input : input.rotate();
    const encoder = {
      jpeg: () => oriented.jpeg({ quality: 90, mozjpeg: true }),
      png: () => oriented.png(),
      gif: () => oriented.gif(),
      webp: () => oriented.webp({ quality: 90 }),
    }[format];
    const image = await encoder().toBuffer();
    const thumbnail = await sharp(image, { limitInputPixels: MAX_INPUT_PIXELS })
      .resize(THUMBNAIL_MAX.width, THUMBNAIL_MAX.height, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    const stored = await sharp(image, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    return { image, thumbnail, width: stored.width, height: stored.pageHeight ?? stored.height };
  } catch {
    return null;
  }
}
