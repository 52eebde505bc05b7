/**
 * What an uploaded file really is, read from its first bytes rather than from its name or the
 * browser's word: a file that is not an image, or claims to be another kind, is refused.
 */
export type ImageKind = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

export const IMAGE_KINDS: Record<ImageKind, { mime: string; extensions: string[] }> = {
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jfif'] },
  png: { mime: 'image/png', extensions: ['png'] },
  webp: { mime: 'image/webp', extensions: ['webp'] },
  avif: { mime: 'image/avif', extensions: ['avif'] },
  gif: { mime: 'image/gif', extensions: ['gif'] },
};

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** The image kind of these bytes, or null when they are none of the accepted kinds. */
export function sniffImage(bytes: Uint8Array): ImageKind | null {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(bytes, 8, 12))) return 'avif';
  return null;
}

/** Why the declared type or the file name disagrees with the content, or null when they agree. */
export function typeMismatch(kind: ImageKind, declaredMime: string | undefined, filename: string | undefined): string | null {
  const expected = IMAGE_KINDS[kind];
  const declared = declaredMime?.toLowerCase().split(';')[0].trim();
  // Browsers send application/octet-stream for types they do not know; that claims nothing.
  if (declared && declared !== 'application/octet-stream' && declared !== expected.mime && !(kind === 'jpeg' && declared === 'image/jpg')) {
    return `The file is sent as ${declared} but its content is ${expected.mime}.`;
  }
  const extension = filename?.includes('.') ? filename.split('.').pop()!.toLowerCase() : undefined;
  if (extension && !expected.extensions.includes(extension)) {
    return `The file is named .${extension} but its content is ${expected.mime}.`;
  }
  return null;
}
