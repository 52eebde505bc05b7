import { describe, expect, it } from 'vitest';
import { blockText } from './block-text.js';
import { suggestTags } from './suggestions.js';

const STORY =
  '<h2>Les chiffres</h2><p>Selon la mairie, le lac est propre.</p><figure><img src="/media/lac.jpg" alt="Le lac"><figcaption>Le lac au matin. Photo : Jean Photo / Courrier</figcaption></figure>' +
  '<ul><li>Premier point</li><li>Second point</li></ul><p>Ce <strong>matin</strong> &amp; ce soir&nbsp;: tout va bien.<br>Fin.</p>';

describe('the text of a story body, block by block', () => {
  it('keeps a boundary between blocks, so no two words run together', () => {
    const text = blockText(STORY);
    expect(text.split('\n')).toEqual(['Les chiffres', 'Selon la mairie, le lac est propre.', 'Premier point', 'Second point', 'Ce matin & ce soir : tout va bien.', 'Fin.']);
    expect(text).not.toMatch(/chiffresSelon|propre\.Premier|pointSecond/);
  });

  it('leaves pictures’ captions and credits out unless asked for them', () => {
    expect(blockText(STORY)).not.toContain('Jean Photo');
    expect(blockText(STORY, { captions: true })).toContain('Le lac au matin. Photo : Jean Photo / Courrier');
  });

  it('gives tag suggestions whole words, none from a credit', () => {
    const suggested = suggestTags(blockText(STORY), 'fr', 20).map((tag) => tag.toLowerCase());
    expect(suggested.some((tag) => /chiffresselon|lacce/.test(tag))).toBe(false);
    expect(suggested.some((tag) => tag.includes('jean') || tag.includes('courrier'))).toBe(false);
  });
});
