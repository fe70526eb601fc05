import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error.js';
import { reencodeAvatar, sniffImage } from './avatar-image.js';

describe('avatar images', () => {
  it('recognises JPEG, PNG and WebP by their first bytes only', async () => {
    const pixel = sharp({ create: { width: 2, height: 2, channels: 3, background: '#808080' } });
    expect(sniffImage(await pixel.clone().png().toBuffer())).toBe('png');
    expect(sniffImage(await pixel.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImage(await pixel.clone().webp().toBuffer())).toBe('webp');
    expect(sniffImage(await pixel.clone().gif().toBuffer())).toBeNull();
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(Buffer.from('RIFF....WAVE'))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });

  it('refuses a picture that claims more pixels than it may decode', async () => {
    const huge = await sharp({ create: { width: 9000, height: 9000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    await expect(reencodeAvatar(huge)).rejects.toBeInstanceOf(AppError);
  });

  it('turns a sideways photo upright before cropping', async () => {
    // 200×100 stored, EXIF orientation 6 (rotate 90°): seen as 100×200, the top half red, the bottom blue.
    const left = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#ff0000' } }).png().toBuffer();
    const wide = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#0000ff' } })
      .composite([{ input: left, left: 0, top: 0 }])
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const out = await reencodeAvatar(wide);
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([128, 128]);
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    // Centre square of the upright 100×200 is its middle: the top rows red, the bottom rows blue.
    expect(at(64, 4)[0]).toBeGreaterThan(200);
    expect(at(64, 123)[2]).toBeGreaterThan(200);
  });
});
