import { describe, expect, it } from 'vitest';
import { markSource, withoutSourceMarks } from './source-marks.js';

describe('source marks on links to the site', () => {
  it('marks links to the site only, keeping their query and fragment, and never over an existing mark', () => {
    const site = 'https://news.example/';
    expect(markSource('https://news.example/en/story', site, 'fediverse')).toBe('https://news.example/en/story?ref=fediverse');
    expect(markSource('https://news.example/en/search?q=a+b#results', site, 'morning-newsletter')).toBe('https://news.example/en/search?q=a+b&ref=morning-newsletter#results');
    expect(markSource('https://elsewhere.example/en/story', site, 'fediverse')).toBe('https://elsewhere.example/en/story');
    expect(markSource('http://news.example/en/story', site, 'fediverse')).toBe('http://news.example/en/story');
    expect(markSource('https://news.example/en/story?utm_source=partner', site, 'fediverse')).toBe('https://news.example/en/story?utm_source=partner');
    expect(markSource('https://news.example/en/story?ref=x', site, 'fediverse')).toBe('https://news.example/en/story?ref=x');
    expect(markSource('mailto:desk@news.example', site, 'fediverse')).toBe('mailto:desk@news.example');
    expect(markSource('not a url', site, 'fediverse')).toBe('not a url');
  });

  it('takes the marks off a request’s address and leaves everything else as it was', () => {
    expect(withoutSourceMarks('/en/story?ref=fediverse')).toBe('/en/story');
    expect(withoutSourceMarks('/en/?page=2&ref=daily-newsletter&utm_medium=email&utm_campaign=x&utm_term=y&utm_content=z&utm_source=s')).toBe('/en/?page=2');
    expect(withoutSourceMarks('/en/search?q=%E4%B8%AD%20x')).toBe('/en/search?q=%E4%B8%AD%20x');
    expect(withoutSourceMarks('/en/story')).toBe('/en/story');
    expect(withoutSourceMarks('/en/story?reference=1')).toBe('/en/story?reference=1');
    expect(withoutSourceMarks('/en/search?q=%E4%B8%AD+x&ref=fediverse')).toBe('/en/search?q=%E4%B8%AD+x');
  });
});
