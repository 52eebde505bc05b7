import { describe, expect, it } from 'vitest';
import { sanitizeBody } from './body.js';

describe('sanitizeBody: audio', () => {
  it('keeps a player and its http(s) address, which plays and loads nothing until asked', () => {
    expect(sanitizeBody('<figure><audio autoplay loop src="https://pod.example/12.mp3" onplay="steal()"></audio><figcaption>Episode 12</figcaption></figure>')).toBe(
      '<figure><audio src="https://pod.example/12.mp3" controls preload="none"></audio><figcaption>Episode 12</figcaption></figure>',
    );
    expect(sanitizeBody('<audio controls><source src="https://pod.example/12.ogg" type="audio/ogg"></audio>')).toBe(
      '<audio controls preload="none"><source src="https://pod.example/12.ogg" type="audio/ogg" /></audio>',
    );
  });

  it('drops an address that is not http(s)', () => {
    expect(sanitizeBody('<audio src="javascript:alert(1)"></audio><audio><source src="data:audio/mp3;base64,AAAA"></audio>')).toBe(
      '<audio controls preload="none"></audio><audio controls preload="none"><source /></audio>',
    );
  });
});

describe('sanitizeBody: pictures', () => {
  it("keeps a picture's caption and its credit, and no other class on small print", () => {
    const figure = '<figure><img src="/media/a.png" alt="Boats" /><figcaption>The harbour <small class="credit">Ana Costa</small></figcaption></figure>';
    expect(sanitizeBody(figure)).toBe(figure);
    expect(sanitizeBody('<p><small class="notice credit">Sponsored</small></p>')).toBe('<p><small class="credit">Sponsored</small></p>');
    expect(sanitizeBody('<p><small class="notice">Sponsored</small></p>')).toBe('<p><small>Sponsored</small></p>');
  });
});

describe('sanitizeBody: headings', () => {
  it("demotes h1, the page title's level, to h2", () => {
    expect(sanitizeBody('<h1>Results</h1><p>Text</p>')).toBe('<h2>Results</h2><p>Text</p>');
    expect(sanitizeBody('<h1 class="x" onclick="y()">A <em>b</em></h1>')).toBe('<h2>A <em>b</em></h2>');
  });

  it('keeps heading ids from a safe set of characters, prefixed so that none is one of the page\'s own', () => {
    expect(sanitizeBody('<h2 id="comments">Comments</h2><h3 id="main">Main</h3><h1 id="the-deal">Deal</h1>')).toBe(
      '<h2 id="h-comments">Comments</h2><h3 id="h-main">Main</h3><h2 id="h-the-deal">Deal</h2>',
    );
    expect(sanitizeBody('<h2 id="&quot; onmouseover=&quot;x()">A</h2><h4 id="résumé des faits">B</h4><h5 id="---">C</h5><p id="x">D</p>')).toBe(
      '<h2 id="h-onmouseover-x">A</h2><h4 id="h-résumé-des-faits">B</h4><h5>C</h5><p>D</p>',
    );
    const stored = sanitizeBody('<h2 id="x">X</h2><p><a href="#x">to X</a></p>');
    expect(sanitizeBody(stored)).toBe(stored);
  });

  it('keeps in-page links pointing at their heading, and leaves other fragments alone', () => {
    const body = sanitizeBody(
      '<ul><li><a href="#the-deal">The deal</a></li><li><a href="#r%C3%A9sum%C3%A9">Résumé</a></li><li><a href="#comments">Your comments</a></li></ul>' +
        '<h1 id="the-deal">The deal</h1><h2 id="résumé">Résumé</h2>',
    );
    expect(body).toBe(
      '<ul><li><a href="#h-the-deal">The deal</a></li><li><a href="#h-résumé">Résumé</a></li><li><a href="#comments">Your comments</a></li></ul>' +
        '<h2 id="h-the-deal">The deal</h2><h2 id="h-résumé">Résumé</h2>',
    );
  });
});
