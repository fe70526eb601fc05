// Avatars are cropped and shrunk in the browser, so a 12-megapixel photo costs a few kilobytes of upload. The server
// still decodes and re-encodes whatever arrives: this is for speed, not for safety.
import { AVATAR_SIZE } from '../../../shared/protocol/profiles.js';

/** Types the server accepts; anything else is refused here with a clearer message than a round trip would give. */
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** A picture bigger than this is probably not a photo of a face; decoding it would only make the tab slow. */
export const AVATAR_SOURCE_MAX_BYTES = 25 * 1024 * 1024;

/** The largest centred square of a width × height image. */
export function centredSquare(width: number, height: number): { x: number; y: number; side: number } {
  const side = Math.min(width, height);
  return { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), side };
}

/** Why this file cannot be an avatar, or null. */
export function avatarFileProblem(file: { type: string; size: number }): string | null {
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) return 'Choose a JPEG, PNG or WebP image.';
  if (file.size > AVATAR_SOURCE_MAX_BYTES) return 'That image is over 25 MB; choose a smaller one.';
  return null;
}

function toBlob(canvas: HTMLCanvasElement, type: string): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, 0.9));
}

/** The centre square of the picture at 128×128, as WebP where the browser can write it, else PNG. */
export async function cropAvatar(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error('That file could not be read as an image.');
  }
  const canvas = document.createElement('canvas');
  canvas.width = AVATAR_SIZE;
  canvas.height = AVATAR_SIZE;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot resize images.');
  const { x, y, side } = centredSquare(bitmap.width, bitmap.height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, x, y, side, side, 0, 0, AVATAR_SIZE, AVATAR_SIZE);
  bitmap.close();
  const webp = await toBlob(canvas, 'image/webp');
  if (webp && webp.type === 'image/webp') return webp;
  const png = await toBlob(canvas, 'image/png');
  if (!png) throw new Error('This browser cannot resize images.');
  return png;
}
