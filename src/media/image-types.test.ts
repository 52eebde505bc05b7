import { describe, expect, it } from 'vitest';
import { sniffImage, typeMismatch } from './image-types.js';

const bytes = (...parts: Array<string | number[]>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)).concat(Array(16).fill(0)));

describe('recognising image files by their content', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['png', bytes('\x89PNG\r\n\x1a\n')],
    ['gif', bytes('GIF89a')],
    ['webp', bytes('RIFF', [1, 2, 3, 4], 'WEBP')],
    ['avif', bytes([0, 0, 0, 28], 'ftypavif')],
  ])('recognises %s', (kind, content) => {
    expect(sniffImage(content)).toBe(kind);
  });

  it('recognises no image in text, PDF, SVG or HEIC files', () => {
    expect(sniffImage(bytes('hello, this is text'))).toBeNull();
    expect(sniffImage(bytes('%PDF-1.7'))).toBeNull();
    expect(sniffImage(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(sniffImage(bytes([0, 0, 0, 24], 'ftypheic'))).toBeNull();
  });

  it('names a declared type or an extension that disagrees with the content', () => {
    expect(typeMismatch('jpeg', 'image/png', 'photo.png')).toMatch(/sent as image\/png.*image\/jpeg/);
    expect(typeMismatch('png', 'image/png', 'photo.jpg')).toMatch(/named \.jpg/);
    expect(typeMismatch('jpeg', 'image/jpeg', 'photo.JPG')).toBeNull();
    expect(typeMismatch('webp', 'application/octet-stream', 'photo.webp')).toBeNull();
  });
});
