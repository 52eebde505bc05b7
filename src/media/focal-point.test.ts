import { describe, expect, it } from 'vitest';
import { cropWindow, roundFocalPoint } from './focal-point.js';

const WIDE = { width: 16, height: 9 };
const SQUARE = { width: 1, height: 1 };

describe('cropWindow', () => {
  it('takes the whole height of a wider picture and centres without a focal point', () => {
    expect(cropWindow(2400, 1000, WIDE, null)).toEqual({ left: 311, top: 0, width: 1778, height: 1000 });
    expect(cropWindow(2400, 1000, SQUARE, null)).toEqual({ left: 700, top: 0, width: 1000, height: 1000 });
  });

  it('takes the whole width of a taller picture', () => {
    expect(cropWindow(1000, 2000, WIDE, null)).toEqual({ left: 0, top: 719, width: 1000, height: 563 });
  });

  it('centres the window on the focal point', () => {
    expect(cropWindow(3000, 1000, SQUARE, { x: 0.4, y: 0.5 })).toEqual({ left: 700, top: 0, width: 1000, height: 1000 });
    expect(cropWindow(1000, 2000, WIDE, { x: 0.5, y: 0.3 })).toEqual({ left: 0, top: 319, width: 1000, height: 563 });
  });

  it('stops at the edges of the picture: a point in a corner gives the window in that corner', () => {
    expect(cropWindow(2400, 1000, WIDE, { x: 0, y: 0 })).toEqual({ left: 0, top: 0, width: 1778, height: 1000 });
    expect(cropWindow(2400, 1000, SQUARE, { x: 1, y: 1 })).toEqual({ left: 1400, top: 0, width: 1000, height: 1000 });
    expect(cropWindow(1000, 2000, SQUARE, { x: 0.9, y: 0.95 })).toEqual({ left: 0, top: 1000, width: 1000, height: 1000 });
  });

  it('always fits inside the picture and keeps the ratio', () => {
    for (const [width, height] of [[1, 1], [17, 9], [1600, 900], [333, 4000], [5000, 7]]) {
      for (const ratio of [WIDE, SQUARE, { width: 4, height: 3 }]) {
        for (const focal of [null, { x: 0, y: 1 }, { x: 0.73, y: 0.21 }]) {
          const window = cropWindow(width, height, ratio, focal);
          expect(window.left).toBeGreaterThanOrEqual(0);
          expect(window.top).toBeGreaterThanOrEqual(0);
          expect(window.left + window.width).toBeLessThanOrEqual(width);
          expect(window.top + window.height).toBeLessThanOrEqual(height);
          // Within a pixel of the ratio, after rounding.
          expect(Math.abs(window.width * ratio.height - window.height * ratio.width)).toBeLessThanOrEqual(Math.max(ratio.width, ratio.height));
        }
      }
    }
  });
});

it('keeps a focal point to a thousandth', () => {
  expect(roundFocalPoint({ x: 0.12345, y: 0.9999 })).toEqual({ x: 0.123, y: 1 });
});
