/**
 * A picture's focal point: the spot its crops keep in view, as fractions of its width and height
 * (0,0 the top-left corner). Pure geometry with no server imports: the crops (variants.ts), the
 * site's cards and the admin's preview of the crops all cut the same window.
 */
export interface FocalPoint {
  x: number;
  y: number;
}

/** Where a picture without a focal point is cut around. */
export const CENTRE: FocalPoint = { x: 0.5, y: 0.5 };

export interface CropWindow {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The largest window of the ratio in a picture of `width`×`height` pixels, centred on the focal
 * point as far as the picture allows (pushed back inside at its edges).
 */
export function cropWindow(width: number, height: number, ratio: { width: number; height: number }, focal: FocalPoint | null): CropWindow {
  const point = focal ?? CENTRE;
  const wide = width * ratio.height >= height * ratio.width;
  const w = wide ? Math.min(width, Math.round((height * ratio.width) / ratio.height)) : width;
  const h = wide ? height : Math.min(height, Math.round((width * ratio.height) / ratio.width));
  const place = (at: number, size: number, whole: number) => Math.min(Math.max(Math.round(at * whole - size / 2), 0), whole - size);
  return { left: place(point.x, w, width), top: place(point.y, h, height), width: w, height: h };
}

/** A focal point kept to a thousandth: finer than any pixel of a crop, and stable in a file name. */
export function roundFocalPoint(point: FocalPoint): FocalPoint {
  return { x: Math.round(point.x * 1000) / 1000, y: Math.round(point.y * 1000) / 1000 };
}

/** The focal point of a media row: both of its columns, or none. */
export function focalPointOf(row: { focal_x: number | null; focal_y: number | null }): FocalPoint | null {
  return row.focal_x === null || row.focal_y === null ? null : { x: row.focal_x, y: row.focal_y };
}
