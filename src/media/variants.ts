import type { ImageKind } from './image-types.js';

/** Responsive widths made for every upload (never wider than the original). */
export const VARIANT_WIDTHS = [480, 960, 1600];

export interface Encoded {
  format: 'webp' | 'avif' | ImageKind;
  width: number;
  height: number;
  data: Buffer;
}

// sharp writes no metadata unless asked: EXIF (with GPS location), XMP and IPTC are dropped.
// `autoOrient` turns the pixels the way the EXIF orientation said, before that tag is lost.
// sharp (libvips) is loaded on the first upload, not at start: most processes never resize.
async function pipeline(input: Buffer, kind: ImageKind) {
  const { default: sharp } = await import('sharp');
  return sharp(input, { animated: kind === 'gif' || kind === 'webp', failOn: 'error' }).autoOrient();
}

/** The upload re-encoded in its own format with every piece of metadata removed. */
export async function cleanOriginal(input: Buffer, kind: ImageKind): Promise<Encoded> {
  const image = await pipeline(input, kind);
  const encoded =
    kind === 'jpeg' ? image.jpeg({ quality: 90, mozjpeg: true })
    : kind === 'png' ? image.png()
    : kind === 'webp' ? image.webp({ quality: 90 })
    : kind === 'avif' ? image.avif({ quality: 70 })
    : image.gif();
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { format: kind, width: info.width, height: info.pageHeight ?? info.height, data };
}

/**
 * WebP and AVIF at each responsive width up to the original's (an animated GIF gets animated
 * WebP only: AVIF output here is still pictures).
 */
export async function makeVariants(input: Buffer, kind: ImageKind, originalWidth: number): Promise<Encoded[]> {
  const widths = VARIANT_WIDTHS.filter((w) => w < originalWidth);
  if (widths.length < VARIANT_WIDTHS.length) widths.push(originalWidth);
  const formats: Array<'webp' | 'avif'> = kind === 'gif' ? ['webp'] : ['webp', 'avif'];
  const out: Encoded[] = [];
  for (const width of widths) {
    for (const format of formats) {
      const resized = (await pipeline(input, kind)).resize({ width, withoutEnlargement: true });
      const encoded = format === 'webp' ? resized.webp({ quality: 80 }) : resized.avif({ quality: 55, effort: 2 });
      const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
      out.push({ format, width: info.width, height: info.pageHeight ?? info.height, data });
    }
  }
  return out;
}
