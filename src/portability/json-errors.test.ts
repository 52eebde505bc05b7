import { describe, expect, it } from 'vitest';
import { jsonErrorLocation } from './json-errors.js';

describe('jsonErrorLocation', () => {
  it('finds nothing wrong in valid JSON', () => {
    for (const text of ['{}', '[1, -2.5e3, "a\\"b", true, false, null]', '{"a": {"b": [{}]}}\n']) expect(jsonErrorLocation(text)).toBeNull();
  });

  it('names the line and column where the text stops being JSON', () => {
    expect(jsonErrorLocation('{\n  "a": 1,\n  "b": }\n')).toBe('line 3, column 8: unexpected character "}"');
    expect(jsonErrorLocation('{"a": 1')).toBe('line 1, column 8: expected "," or "}", found end of file');
    expect(jsonErrorLocation('[1, 2]\n[3]')).toBe('line 2, column 1: unexpected character "[" after the end of the document');
    expect(jsonErrorLocation('{"a": "open')).toMatch(/^line 1, column \d+: unterminated string$/);
  });
});
