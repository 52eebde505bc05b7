import type { Sharp, SharpOptions } from 'sharp';
import { cropWindow, type FocalPoint } from './focal-point.js';
import type { ImageKind } from './image-types.js';

/** Responsive widths made for every upload (never wider than the original). */
export const VARIANT_WIDTHS = [480, 960, 1600];

/**
 * Pictures decoded and encoded at the same time in one process; more wait their turn. A
 * picture near the pixel limit holds a few hundred MB while it is worked on, and libvips
 * already uses every core for one picture: six at once took 34 s and 730 MB.
 */
export const IMAGE_JOBS_AT_ONCE = 2;

export interface Encoded {
  format: 'webp' | 'avif' | ImageKind;
  width: number;
  height: number;
  data: Buffer;
}

export interface Processed {
  /** The upload re-encoded in its own format with every piece of metadata removed. */
  original: Encoded;
  /** WebP and AVIF at each responsive width up to the original's. */
  variants: Encoded[];
  /** The picture cut to each of CROP_RATIOS (see cropsOf). */
  crops: Crop[];
}

/** The picture declares more pixels (all its frames together) than the configured limit. */
export class TooManyPixels extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
    readonly frames: number,
    readonly limit: number,
  ) {
    const size = `${width}×${height} pixels${frames > 1 ? ` in ${frames} frames` : ''}`;
    super(`is ${size} (${(width * height * frames).toLocaleString('en')} pixels), more than the limit of ${limit.toLocaleString('en')} pixels`);
  }
}

// sharp (libvips) is loaded on the first upload, not at start: most processes never resize.
async function loadSharp() {
  const { default: sharp } = await import('sharp');
  return sharp;
}

/** Runs at most `slots` jobs at once; the others wait, first come first served. */
function limitConcurrency(slots: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (active < slots) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await job();
    } finally {
      // The slot passes straight to the next in line, or is given back.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

const inTurn = limitConcurrency(IMAGE_JOBS_AT_ONCE);

/** Decoded pixels (8 bits a sample, sRGB), every frame of an animation stacked. */
interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  /** The height of one frame; equal to `height` for a still picture. */
  pageHeight: number;
}

interface Animation {
  delay?: number[];
  loop?: number;
}

/**
 * Decodes the upload once, fully oriented. sharp writes no metadata unless asked: EXIF (with
 * GPS location), XMP and IPTC are dropped; `autoOrient` turns the pixels the way the EXIF
 * orientation said, before that tag is lost.
 */
async function decode(sharp: Awaited<ReturnType<typeof loadSharp>>, input: Buffer, options: SharpOptions): Promise<Pixels> {
  const { data, info } = await sharp(input, options).autoOrient().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels, pageHeight: info.pageHeight ?? info.height };
}

function fromPixels(sharp: Awaited<ReturnType<typeof loadSharp>>, pixels: Pixels, limit: number): Sharp {
  const animated = pixels.height > pixels.pageHeight;
  // sharp's raw output reports `premultiplied: true` after a resize of a picture with alpha, but
  // the bytes it hands back are not premultiplied: saying so here would brighten every edge.
  return sharp(pixels.data, {
    raw: { width: pixels.width, height: pixels.height, channels: pixels.channels, ...(animated ? { pageHeight: pixels.pageHeight } : {}) },
    animated,
    limitInputPixels: limit,
  });
}

async function encode(image: Sharp, format: Encoded['format']): Promise<Encoded> {
  const { data, info } = await image.toBuffer({ resolveWithObject: true });
  return { format, width: info.width, height: info.pageHeight ?? info.height, data };
}

/**
 * The upload cleaned of metadata, and its WebP and AVIF variants at each responsive width up
 * to the original's (an animated GIF gets animated WebP only: AVIF output here is still
 * pictures). The header is read first: a picture declaring more than `maxPixels` (all frames
 * together) is refused with `TooManyPixels` before any pixel is decoded. Then the picture is
 * decoded once, in turn with the other uploads of this process, and everything is made from
 * those pixels: each width from the next larger one.
 */
export async function processImage(input: Buffer, kind: ImageKind, maxPixels: number): Promise<Processed> {
  const sharp = await loadSharp();
  const animated = kind === 'gif' || kind === 'webp';
  // With `animated`, the header's height is that of every frame stacked: what decoding costs.
  const header = await sharp(input, { animated, limitInputPixels: false }).metadata();
  const width = header.width ?? 0;
  const height = header.height ?? 0;
  if (width * height > maxPixels) {
    const frames = header.pages && header.pageHeight ? header.pages : 1;
    throw new TooManyPixels(width, frames > 1 ? height / frames : height, frames, maxPixels);
  }
  const timing: Animation = animated ? { delay: header.delay, loop: header.loop } : {};
  return inTurn(async () => {
    const pixels = await decode(sharp, input, { animated, failOn: 'error', limitInputPixels: maxPixels });
    const source = fromPixels(sharp, pixels, maxPixels);
    const original =
      kind === 'jpeg' ? source.jpeg({ quality: 90, mozjpeg: true })
      : kind === 'png' ? source.png()
      : kind === 'webp' ? source.webp({ quality: 90, ...timing })
      : kind === 'avif' ? source.avif({ quality: 70 })
      : source.gif(timing);
    const cleaned = await encode(original, kind);

    const widths = VARIANT_WIDTHS.filter((w) => w < pixels.width);
    if (widths.length < VARIANT_WIDTHS.length) widths.push(pixels.width);
    const formats: Array<'webp' | 'avif'> = kind === 'gif' ? ['webp'] : ['webp', 'avif'];
    const variants: Encoded[] = [];
    let larger = pixels;
    for (const target of widths.sort((a, b) => b - a)) {
      const { data, info } = await fromPixels(sharp, larger, maxPixels)
        .resize({ width: target, withoutEnlargement: true })
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true });
      const resized: Pixels = { data, width: info.width, height: info.height, channels: info.channels, pageHeight: info.pageHeight ?? info.height };
      for (const format of formats) {
        const image = fromPixels(sharp, resized, maxPixels);
        variants.push(await encode(format === 'webp' ? image.webp({ quality: 80, ...timing }) : image.avif({ quality: 55, effort: 2 }), format));
      }
      larger = resized;
    }
    // A new upload has no focal point yet: its crops are cut around the centre.
    const crops = await cropsOf(sharp, pixels, maxPixels, null);
    return { original: cleaned, variants: variants.sort((a, b) => a.width - b.width), crops };
  });
}

// ---------------------------------------------------------------------------------------------
// Crops: the picture cut to the aspect ratios search engines and social networks show.

/**
 * The aspect ratios a NewsArticle's `image` should offer (Google's Article structured data:
 * 16:9, 4:3 and 1:1), in that order; 16:9 is also the Open Graph and Twitter card picture.
 */
export const CROP_RATIOS = [
  { name: '16x9', width: 16, height: 9 },
  { name: '4x3', width: 4, height: 3 },
  { name: '1x1', width: 1, height: 1 },
] as const;

export type CropRatio = (typeof CROP_RATIOS)[number]['name'];

/**
 * The widest a crop is made. Google asks for images at least 1200 px wide; wider ones only
 * weigh more. A picture narrower than this gives crops as wide as it allows, never enlarged.
 */
export const CROP_MAX_WIDTH = 1600;

export interface Crop extends Encoded {
  ratio: CropRatio;
}

/**
 * The largest size of the ratio that fits in the picture (and in CROP_MAX_WIDTH), the width a
 * multiple of the ratio's so that the height is exact; null when the picture is too small.
 */
export function cropSize(width: number, height: number, ratio: { width: number; height: number }): { width: number; height: number } | null {
  const fits = Math.min(width, Math.floor((height * ratio.width) / ratio.height), CROP_MAX_WIDTH);
  const w = Math.floor(fits / ratio.width) * ratio.width;
  return w > 0 ? { width: w, height: (w / ratio.width) * ratio.height } : null;
}

/**
 * One JPEG per ratio, the largest window of that ratio centred on the focal point (the centre
 * without one; see cropWindow) scaled down to its size: the first frame of an animation,
 * transparency on white (a crop is shown where no page colour is behind it). JPEG because every
 * consumer of these (search engines, social networks) reads it.
 */
async function cropsOf(sharp: Awaited<ReturnType<typeof loadSharp>>, pixels: Pixels, limit: number, focal: FocalPoint | null): Promise<Crop[]> {
  const frame: Pixels =
    pixels.height > pixels.pageHeight
      ? { ...pixels, data: pixels.data.subarray(0, pixels.width * pixels.pageHeight * pixels.channels), height: pixels.pageHeight }
      : pixels;
  const crops: Crop[] = [];
  for (const ratio of CROP_RATIOS) {
    const size = cropSize(frame.width, frame.height, ratio);
    if (!size) continue;
    const image = fromPixels(sharp, frame, limit)
      .extract(cropWindow(frame.width, frame.height, ratio, focal))
      .resize({ width: size.width, height: size.height, fit: 'fill' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85, mozjpeg: true });
    crops.push({ ...(await encode(image, 'jpeg')), ratio: ratio.name });
  }
  return crops;
}

/**
 * The crops of a picture already in the library (uploaded before crops were made, restored
 * from an export, or given a focal point): decoded in turn with the uploads, under the same
 * pixel limit.
 */
export async function cropPicture(input: Buffer, maxPixels: number, focal: FocalPoint | null): Promise<Crop[]> {
  const sharp = await loadSharp();
  const header = await sharp(input, { limitInputPixels: false }).metadata();
  if ((header.width ?? 0) * (header.height ?? 0) > maxPixels) {
    throw new TooManyPixels(header.width ?? 0, header.height ?? 0, 1, maxPixels);
  }
  return inTurn(async () => {
    const pixels = await decode(sharp, input, { failOn: 'error', limitInputPixels: maxPixels });
    return cropsOf(sharp, pixels, maxPixels, focal);
  });
}
