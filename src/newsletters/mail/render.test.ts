import { parseDocument } from 'htmlparser2';
import { findAll, findOne, getAttributeValue, textContent } from 'domutils';
import { describe, expect, it } from 'vitest';
import { confirmationMail, digestMail, newsletterSource, signInMail, storyMail } from './render.js';
import { MAIL_STRINGS } from './mail.strings.js';

const site = { name: 'Le Quotidien', baseUrl: 'https://news.example.org' };
const image = { url: 'https://news.example.org/media/2026/12/port.jpg', width: 1200, height: 800, alt: 'Le port' };
const story = {
  title: 'Le port rouvre',
  standfirst: 'Après trois semaines de grève, les dockers reprennent le travail.',
  bodyHtml: '<p>Premier paragraphe avec <a href="/fr/economie">un lien</a>.</p><figure><img src="/media/2026/12/quai.jpg" srcset="/media/a.jpg 400w" width="800" height="600" alt="Le quai"><figcaption>Photo : A. B.</figcaption></figure><p>Deuxième paragraphe.</p>',
  url: 'https://news.example.org/fr/le-port-rouvre',
  image,
};
const unsubscribeUrl = 'https://news.example.org/unsubscribe/abc.def';

const documentOf = (html: string) => parseDocument(html);
const root = (html: string) => findOne((e) => e.name === 'html', documentOf(html).children)!;
const images = (html: string) => findAll((e) => e.name === 'img', documentOf(html).children);

describe('member e-mails', () => {
  it('gives a story its language, direction, absolute pictures with their size, inline styles and a plain-text part', async () => {
    const mail = await storyMail({ language: 'fr', site, newsletter: { name: 'La matinale' }, story, unsubscribeUrl });
    expect(mail.subject).toBe('Le port rouvre');
    expect(getAttributeValue(root(mail.html), 'lang')).toBe('fr');
    expect(getAttributeValue(root(mail.html), 'dir')).toBe('ltr');
    const pictures = images(mail.html);
    expect(pictures.map((img) => getAttributeValue(img, 'src'))).toEqual([image.url, 'https://news.example.org/media/2026/12/quai.jpg']);
    for (const img of pictures) {
      expect(Number(getAttributeValue(img, 'width'))).toBeGreaterThan(0);
      expect(getAttributeValue(img, 'srcset')).toBeUndefined();
    }
    expect(getAttributeValue(pictures[0], 'height')).toBe('368');
    const paragraph = findAll((e) => e.name === 'p' && textContent(e).startsWith('Premier'), documentOf(mail.html).children)[0];
    expect(getAttributeValue(paragraph, 'style')).toContain('margin');
    const links = findAll((e) => e.name === 'a', documentOf(mail.html).children).map((a) => getAttributeValue(a, 'href'));
    expect(links).toContain('https://news.example.org/fr/economie?ref=la-matinale-newsletter');
    expect(links).toContain(unsubscribeUrl);
    expect(mail.text).toContain('Premier paragraphe avec un lien.\n\nDeuxième paragraphe.');
    expect(mail.text).toContain(`Se désabonner: ${unsubscribeUrl}`);
    expect(mail.text).not.toContain('<');
  });

  it('marks every link to the site with the newsletter as its source, and no other link, picture or unsubscribe address', async () => {
    const bodyHtml = `${story.bodyHtml}<p><a href="https://news.example.org/fr/port?page=2#suite">absolu</a> <a href="https://ailleurs.example/x">ailleurs</a> <a href="/fr/a?utm_source=partenaire">campagne</a> <a href="mailto:redaction@news.example.org">courriel</a></p>`;
    const mail = await storyMail({ language: 'fr', site, newsletter: { name: 'La matinale' }, story: { ...story, bodyHtml }, unsubscribeUrl });
    const links = findAll((e) => e.name === 'a', documentOf(mail.html).children).map((a) => getAttributeValue(a, 'href')!);
    const marked = 'ref=la-matinale-newsletter';
    expect(links).toEqual(expect.arrayContaining([
      `https://news.example.org/?${marked}`,
      `https://news.example.org/fr/le-port-rouvre?${marked}`,
      `https://news.example.org/fr/economie?${marked}`,
      `https://news.example.org/fr/port?page=2&${marked}#suite`,
      'https://ailleurs.example/x',
      'https://news.example.org/fr/a?utm_source=partenaire',
      'mailto:redaction@news.example.org',
      unsubscribeUrl,
    ]));
    for (const link of links.filter((href) => href.startsWith(site.baseUrl) && !href.includes('utm_source') && href !== unsubscribeUrl)) expect(link).toContain(marked);
    expect(images(mail.html).map((img) => getAttributeValue(img, 'src'))).toEqual([image.url, 'https://news.example.org/media/2026/12/quai.jpg']);
    expect(mail.text).toContain(`https://news.example.org/fr/le-port-rouvre?${marked}`);

    const digest = await digestMail({ language: 'fr', site, newsletter: { name: 'Weekly Newsletter' }, stories: [{ title: 'Un', standfirst: '', url: 'https://news.example.org/fr/un' }], unsubscribeUrl });
    expect(findAll((e) => e.name === 'a', documentOf(digest.html).children).map((a) => getAttributeValue(a, 'href'))).toContain('https://news.example.org/fr/un?ref=weekly-newsletter');
    expect(digest.text).toContain('https://news.example.org/fr/un?ref=weekly-newsletter');
    // The account mails are no newsletter: their links stay as they are.
    const signIn = await signInMail({ language: 'fr', site, link: 'https://news.example.org/account/link/abc' });
    expect(signIn.html).not.toMatch(/[?&]ref=/);
  });

  it('names a newsletter’s source after it, in any script', () => {
    expect(newsletterSource('La matinale')).toBe('la-matinale-newsletter');
    expect(newsletterSource('Weekly Newsletter')).toBe('weekly-newsletter');
    expect(newsletterSource('每日新聞')).toBe('每日新聞-newsletter');
    expect(newsletterSource('★★★')).toBe('newsletter');
  });

  it('writes Arabic right to left, from the right', async () => {
    const mail = await digestMail({
      language: 'ar',
      site,
      newsletter: { name: 'النشرة اليومية' },
      stories: [
        { title: 'الخبر الأول', standfirst: 'مقدمة', url: 'https://news.example.org/ar/1', image },
        { title: 'الخبر الثاني', standfirst: '', url: 'https://news.example.org/ar/2' },
      ],
      unsubscribeUrl,
    });
    expect(getAttributeValue(root(mail.html), 'dir')).toBe('rtl');
    expect(getAttributeValue(root(mail.html), 'lang')).toBe('ar');
    expect(mail.subject).toBe('النشرة اليومية: الخبر الأول');
    expect(mail.text).toContain('خبران في هذا العدد');
    expect(mail.text.indexOf('الخبر الأول')).toBeLessThan(mail.text.indexOf('الخبر الثاني'));
    expect(mail.html).toMatch(/text-align:right/);
  });

  it('words the confirmation and the sign-in link in the reader’s language, escaping what readers or editors wrote', async () => {
    const confirm = await confirmationMail({ language: 'de', site: { ...site, name: 'A <b>&' }, newsletters: ['Morgen', 'Eilmeldungen'], link: 'https://news.example.org/members/confirm/t?x=1&y=2' });
    expect(confirm.subject).toBe('Bestätigen Sie Ihr Abonnement bei A <b>&');
    expect(confirm.html).not.toContain('<b>&');
    expect(confirm.text).toContain('- Eilmeldungen');
    const hrefs = findAll((e) => e.name === 'a', documentOf(confirm.html).children).map((a) => getAttributeValue(a, 'href'));
    expect(hrefs).toContain('https://news.example.org/members/confirm/t?x=1&y=2');
    const signIn = await signInMail({ language: 'zh-Hant', site, link: 'https://news.example.org/members/sign-in/t' });
    expect(signIn.subject).toBe('您的 Le Quotidien 登入連結');
    expect(getAttributeValue(root(signIn.html), 'lang')).toBe('zh-Hant');
    const unknown = await signInMail({ language: 'it', site, link: 'https://x.example/t' });
    expect(unknown.subject).toBe('Your sign-in link for Le Quotidien');
  });

  it('has every word in every language', () => {
    const keys = Object.keys(MAIL_STRINGS.en).sort();
    for (const [language, words] of Object.entries(MAIL_STRINGS)) {
      expect(Object.keys(words).sort(), language).toEqual(keys);
      for (const [key, value] of Object.entries(words)) {
        const slots = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
        if (typeof value === 'string') expect(slots(value), `${language}.${key}`).toEqual(slots((MAIL_STRINGS.en as Record<string, unknown>)[key] as string));
      }
    }
  });
});
