/** One responsive version of an image, as the media library describes it. */
export interface ImageVariant {
  format: string;
  width: number;
  url: string;
}

export interface ResponsiveImageProps {
  src: string;
  alt: string;
  /** The original's size when known; the layout reserves its space (no shift as it loads). */
  width: number | null;
  height: number | null;
  variants: ImageVariant[];
  sizes: string;
  priority?: boolean;
}

function srcsetOf(variants: ImageVariant[]): string {
  return [...variants].sort((a, b) => a.width - b.width).map((v) => `${v.url} ${v.width}w`).join(', ');
}

/**
 * A `<picture>` offering AVIF and WebP at each width the media library made, with the original
 * as the fallback; an image without variants (a URL given by an editor) is used as it is.
 */
export function ResponsiveImage({ src, alt, width, height, variants, sizes, priority }: ResponsiveImageProps) {
  const img = (
    <img
      src={src}
      srcset={width ? `${src} ${width}w` : src}
      sizes={sizes}
      alt={alt}
      width={width ?? 1200}
      height={height ?? 675}
      fetchpriority={priority ? 'high' : undefined}
      loading={priority ? undefined : 'lazy'}
      decoding="async"
    />
  );
  const formats = ['avif', 'webp'].filter((format) => variants.some((v) => v.format === format));
  if (formats.length === 0) return img;
  return (
    <picture>
      {formats.map((format) => (
        <source type={`image/${format}`} srcset={srcsetOf(variants.filter((v) => v.format === format))} sizes={sizes} />
      ))}
      {img}
    </picture>
  );
}
