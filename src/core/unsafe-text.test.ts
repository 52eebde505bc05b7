import { describe, expect, it } from 'vitest';
import { decodeEscapes, unsafeCharacter, unsafeTextIn } from './unsafe-text.js';

describe('unsafeCharacter', () => {
  it('finds C0 and C1 controls, DEL, lone surrogates and U+FFFE/U+FFFF, and nothing in ordinary text', () => {
    for (const [text, found] of [
      ['a\u0000b', 'U+0000'], ['\u001b[31m', 'U+001B'], ['x\u007f', 'U+007F'], ['\u0085', 'U+0085'], ['\u009f', 'U+009F'],
      ['a\ud800', 'U+D800'], ['\udc00a', 'U+DC00'], ['\ud800\ud800\udc00', 'U+D800'], ['\uffff', 'U+FFFF'], ['\ufffe', 'U+FFFE'],
    ]) expect(unsafeCharacter(text), JSON.stringify(text)).toBe(found);
    for (const text of ['Pékin', '北京主辦高峰會', 'مرحبا', '🙂 and 𝔘𝔫𝔦', 'a\u200db', '\ufeffBOM', '\ufffd', 'tab\tline\ncr\r', '']) {
      expect(unsafeCharacter(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('holds a single line to tab and line breaks too', () => {
    expect(unsafeCharacter('Ada\tLovelace', 'line')).toBe('U+0009');
    expect(unsafeCharacter('Ada\nLovelace', 'line')).toBe('U+000A');
    expect(unsafeCharacter('Ada Lovelace', 'line')).toBeNull();
  });
});

describe('decodeEscapes', () => {
  it('decodes UTF-8 escapes and leaves a % that starts none', () => {
    expect(decodeEscapes('p%C3%A9kin')).toBe('pékin');
    expect(decodeEscapes('%F0%9F%99%82')).toBe('🙂');
    expect(decodeEscapes('%EF%BB%BFx')).toBe('\ufeffx');
    expect(decodeEscapes('100%')).toBe('100%');
    expect(decodeEscapes('%zz%4')).toBe('%zz%4');
    expect(decodeEscapes('a%00b')).toBe('a\u0000b');
  });

  it('refuses overlong forms, encoded surrogates, stray and cut-off bytes', () => {
    for (const raw of ['%C0%80', '%E0%80%80', '%ED%A0%80', '%ED%BF%BF', '%C1%BF', '%F0%80%80%80', '%F4%90%80%80', '%80', '%FF', '%E2%82', 'a%E2%82b%AC']) {
      expect(decodeEscapes(raw), raw).toBeNull();
    }
  });
});

describe('unsafeTextIn', () => {
  it('names every string at fault by its path, and a field name at fault', () => {
    expect(unsafeTextIn({ title: 'ok', tags: ['a', 'b\u0000'], source: { name: 'x\u0085' }, 'k\u0000': 1 })).toEqual([
      { field: 'k\\u0000', message: 'is a field name that must not contain control characters or unpaired surrogates (found U+0000)' },
      { field: 'tags.1', message: 'must not contain control characters or unpaired surrogates (found U+0000)' },
      { field: 'source.name', message: 'must not contain control characters or unpaired surrogates (found U+0085)' },
    ]);
    expect(unsafeTextIn('\u0000')).toEqual([{ field: 'body', message: expect.stringContaining('U+0000') }]);
    expect(unsafeTextIn({ body: 'line\nbreaks\tand tabs\r\n' })).toEqual([]);
  });

  it('walks a deeply nested body without overflowing the stack, and skips buffers', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unsafeTextIn(deep)).toHaveLength(1);
    expect(unsafeTextIn({ file: Buffer.from([0, 1, 2]) })).toEqual([]);
  });
});
