import { describe, expect, it } from 'vitest';
import { isSitePath } from './site-path.js';

describe('isSitePath', () => {
  it('accepts paths of this site, encoded or not', () => {
    for (const path of ['/', '/en/', '/fr/p%C3%A9kin', '/zh-Hant/北京', '/?p=12', '/en/page/2']) expect(isSitePath(path)).toBe(true);
  });

  it('refuses what a browser would take to another host, and control characters', () => {
    for (const target of ['//evil.test/', '///evil.test/', '/\\evil.test/', '\\\\evil.test', 'https://evil.test/', 'evil.test', '', '/en/\nLocation: x', '/a\u0000b']) {
      expect(isSitePath(target)).toBe(false);
    }
  });
});
