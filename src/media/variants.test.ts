import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cropPicture } from './variants.js';

const MAX_PIXELS = 50_000_000;

/** A grey 2400×1000 picture with a red 150-pixel square in its top-left corner. */
async function redCorner(): Promise<Buffer> {
  const square = await sharp({ create: { width: 150, height: 150, channels: 3, background: '#ff0000' } }).png().toBuffer();
  return sharp({ create: { width: 2400, height: 1000, channels: 3, background: '#808080' } })
    .composite([{ input: square, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

async function isRed(jpeg: Buffer, x: number, y: number): Promise<boolean> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return data[at] > 200 && data[at + 1] < 60 && data[at + 2] < 60;
}

describe('crops cut around the focal point', () => {
  it('the 16:9 and 1:1 crops hold a red square in the top-left corner when the focal point is on it', async () => {
    const crops = await cropPicture(await redCorner(), MAX_PIXELS, { x: 0.03, y: 0.07 });
    for (const ratio of ['16x9', '1x1'] as const) {
      const crop = crops.find((c) => c.ratio === ratio)!;
      expect(await isRed(crop.data, 2, 2), ratio).toBe(true);
    }
  });

  it('cut around the centre, the same crops leave the corner out', async () => {
    const crops = await cropPicture(await redCorner(), MAX_PIXELS, null);
    for (const ratio of ['16x9', '1x1'] as const) {
      const crop = crops.find((c) => c.ratio === ratio)!;
      expect(await isRed(crop.data, 2, 2), ratio).toBe(false);
    }
  });
});
