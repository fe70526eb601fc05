import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadSharp } from '../../lib/sharp.js';

// A preview image is never passed on as fetched: sharp decodes it and writes a new small WebP, which drops
// metadata, scripts (SVG is not accepted at all), trailing payloads and anything else the original carried.

export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
const IMAGE_BOX = 480;
/** Refuses decompression bombs before decoding: 40 megapixels is far past any real preview image. */
const MAX_INPUT_PIXELS = 40_000_000;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

export const acceptsImageType = (mediaType: string) => IMAGE_TYPES.has(mediaType);

export interface StoredImage {
  id: string;
  width: number;
  height: number;
}

/** The file of a stored image; ids are checked against the route's pattern, so they never hold a path. */
export function imageFile(dir: string, id: string): string {
  return path.join(dir, `${id}.webp`);
}

export async function storePreviewImage(dir: string, original: Buffer): Promise<StoredImage> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
    .rotate()
    .resize(IMAGE_BOX, IMAGE_BOX, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 78 })
    .toBuffer({ resolveWithObject: true });
  const id = randomBytes(16).toString('base64url');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(imageFile(dir, id), data, { mode: 0o600 });
  return { id, width: info.width, height: info.height };
}
