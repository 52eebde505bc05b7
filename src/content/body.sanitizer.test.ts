import { describe, expect, it } from 'vitest';
import { sanitizeBody } from './body.js';

describe('sanitizeBody: audio', () => {
  it('keeps a player and its http(s) address, which plays and loads nothing until asked', () => {
    expect(sanitizeBody('<figure><audio autoplay loop src="https://pod.example/12.mp3" onplay="steal()"></audio><figcaption>Episode 12</figcaption></figure>')).toBe(
      '<figure><audio src="https://pod.example/12.mp3" controls preload="none"></audio><figcaption>Episode 12</figcaption></figure>',
    );
    expect(sanitizeBody('<audio controls><source src="https://pod.example/12.ogg" type="audio/ogg"></audio>')).toBe(
      '<audio controls preload="none"><source src="https://pod.example/12.ogg" type="audio/ogg"></source></audio>',
    );
  });

  it('drops an address that is not http(s)', () => {
    expect(sanitizeBody('<audio src="javascript:alert(1)"></audio><audio><source src="data:audio/mp3;base64,AAAA"></audio>')).toBe(
      '<audio controls preload="none"></audio><audio controls preload="none"><source></source></audio>',
    );
  });
});
