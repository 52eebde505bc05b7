import type { FocalPoint } from '../../../media/focal-point.js';
import type { PictureMedia, PictureVariant } from '../../../media/pictures.js';

/**
 * How wide each kind of picture is drawn (site.css), for the browser to choose a variant before
 * layout: the story column (44rem, less the page's 1rem margins on a phone), the home page's
 * lead (three fifths of the 72rem page from 48rem up) and a card of the auto-fill grid of
 * 16rem columns (at most 33rem wide while the grid has one column, less as columns are added).
 */
export const PICTURE_SIZES = {
  story: '(min-width: 46rem) 44rem, calc(100vw - 2rem)',
  lead: '(min-width: 72rem) 42rem, (min-width: 48rem) 60vw, calc(100vw - 2rem)',
  card: '(min-width: 69.75rem) 17rem, (min-width: 52.5rem) 22rem, (min-width: 35.25rem) 25rem, calc(100vw - 2rem)',
} as const;

export interface PictureProps {
  src: string;
  alt: string;
  /** What the media library knows of the picture; null for a picture of another site. */
  media: PictureMedia | null;
  /** How wide the picture is drawn: one of PICTURE_SIZES. */
  sizes: string;
  /** The page's main picture: fetched first, never lazily. */
  priority?: boolean;
  /** More attributes of the `<img>` (a story text's title, class, lang or dir). */
  attributes?: Record<string, string>;
}

const MODERN_FORMATS = ['avif', 'webp'] as const;

function srcsetOf(variants: PictureVariant[]): string {
  return [...variants].sort((a, b) => a.width - b.width).map((v) => `${v.url} ${v.width}w`).join(', ');
}

/**
 * Every picture of the public site, whatever the page: a `<picture>` offering the library's
 * AVIF and WebP variants at each width (the browser takes the smallest that fills `sizes` at
 * its pixel density), the original as the fallback, and the original's real width and height so
 * the layout keeps its place. A picture of another site has no known size and no variants: it
 * is a plain `<img>` without width, height or srcset rather than one with a guessed size.
 */
export function Picture({ src, alt, media, sizes, priority, attributes }: PictureProps) {
  const img = (
    <img
      {...attributes}
      src={src}
      alt={alt}
      width={media?.width}
      height={media?.height}
      fetchpriority={priority ? 'high' : undefined}
      loading={priority ? undefined : 'lazy'}
      decoding="async"
    />
  );
  const formats = MODERN_FORMATS.filter((format) => media?.variants.some((v) => v.format === format));
  if (!media || formats.length === 0) return img;
  return (
    <picture>
      {formats.map((format) => (
        <source type={`image/${format}`} srcset={srcsetOf(media.variants.filter((v) => v.format === format))} sizes={sizes} />
      ))}
      {img}
    </picture>
  );
}

/**
 * The classes that keep a cropped picture's focal point in view (`fx-30 fy-70`, site.css): the
 * point to the nearest tenth, as the site's CSP allows no inline style. None for the centre.
 */
export function focalPointClasses(point: FocalPoint | null | undefined): string | undefined {
  if (!point) return undefined;
  const step = (at: number) => Math.round(at * 10) * 10;
  return `fx-${step(point.x)} fy-${step(point.y)}`;
}
