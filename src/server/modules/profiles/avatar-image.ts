import { loadSharp } from '../../lib/sharp.js';
import { AVATAR_SIZE } from '../../../shared/protocol/profiles.js';
import { AppError } from '../../lib/app-error.js';

type ImageKind = 'jpeg' | 'png' | 'webp';

/** Decided by the first bytes, never by the Content-Type or a file name: those are whatever the sender says. */
export function sniffImage(bytes: Buffer): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

// A decompression bomb (a tiny file claiming 50,000 × 50,000 pixels) is refused before libvips allocates it.
const MAX_INPUT_PIXELS = 40_000_000;

/**
 * A JPEG, PNG or WebP becomes a fresh 128×128 WebP: turned upright by its EXIF orientation, cropped to the centre,
 * and written without any metadata (sharp keeps none unless asked), so no camera, place or hidden payload survives.
 */
export async function reencodeAvatar(bytes: Buffer): Promise<Buffer> {
  const kind = sniffImage(bytes);
  if (!kind) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'An avatar must be a JPEG, PNG or WebP image.');
  const sharp = await loadSharp();
  try {
    return await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover', position: 'centre' })
      .webp({ quality: 85 })
      .toBuffer();
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `The ${kind.toUpperCase()} image could not be read; it may be damaged or too large.`);
  }
}
