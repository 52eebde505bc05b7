import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { suggestTags } from './suggestions.js';

const stopwordsIso: Record<string, string[]> = createRequire(import.meta.url)('stopwords-iso');

const stop = (lang: string) => new Set(stopwordsIso[lang]);

describe('suggestTags', () => {
  it('finds the names and keywords of a French news text and never a stop-word', () => {
    const text = `Le président Emmanuel Macron a rencontré jeudi à Paris le chancelier Olaf Scholz pour parler de la guerre en Ukraine.
      Les deux dirigeants ont évoqué l'aide militaire à l'Ukraine et le financement de la reconstruction.
      Selon l'Élysée, Emmanuel Macron souhaite que l'Union européenne augmente son aide militaire avant l'hiver.
      La guerre dure depuis plus de deux ans et la reconstruction coûtera des centaines de milliards.`;
    const tags = suggestTags(text, 'fr');
    expect(tags).toEqual(expect.arrayContaining(['Emmanuel Macron', 'Olaf Scholz', 'Ukraine', 'guerre', 'reconstruction']));
    expect(tags.indexOf('Emmanuel Macron')).toBeLessThan(5);
    for (const tag of tags) for (const word of tag.toLowerCase().split(' ')) expect(stop('fr').has(word)).toBe(false);
    expect(tags).not.toContain('pour');
  });

  it('works for English, German, Spanish and Russian', () => {
    const cases: Array<[string, string, string]> = [
      ['en', 'The Wagner group marched towards Moscow. Wagner fighters stopped short of Moscow on Saturday after talks.', 'Moscow'],
      ['de', 'Die Bundesregierung in Berlin plant neue Regeln für Energie. Die Energie wird teurer, sagt Berlin.', 'Berlin'],
      ['es', 'El gobierno de España aprobó la reforma de las pensiones. La reforma de las pensiones entra en vigor en enero.', 'pensiones'],
      ['ru', 'Правительство России обсудило бюджет. Бюджет на следующий год вырастет, сообщили в Москве.', 'бюджет'],
    ];
    for (const [language, text, expected] of cases) {
      const tags = suggestTags(text, language);
      expect(tags, language).toContain(expected);
      for (const tag of tags) for (const word of tag.toLowerCase().split(' ')) expect(stop(language).has(word), `${language}: ${word}`).toBe(false);
    }
  });

  it('segments Chinese and keeps Arabic keywords without stop-words', () => {
    const zh = suggestTags('台灣總統大選結果出爐，選民投票率創新高。總統當選人將於五月就職，選民期待經濟改革。', 'zh-Hant');
    expect(zh).toEqual(expect.arrayContaining(['總統', '選民']));
    for (const tag of zh) expect(Array.from(tag).length).toBeGreaterThanOrEqual(2);
    const ar = suggestTags('أعلنت الحكومة في تونس عن خطة اقتصادية جديدة. الخطة الاقتصادية تهدف إلى خفض البطالة في تونس.', 'ar');
    expect(ar).toContain('تونس');
    for (const tag of ar) expect(stop('ar').has(tag)).toBe(false);
  });

  it('answers an empty list for an empty text', () => {
    expect(suggestTags('', 'en')).toEqual([]);
  });
});
