import { perLanguage } from '../content/languages.js';
import { shippedLanguage } from '../core/interface-text.js';

/** The note at an expired story's address (410 Gone), in the story's language. */
const en = {
  expiredTitle: 'This story is no longer available',
  expiredText: '“{title}” was available on this site until {date}.',
  expiredMore: 'Our latest stories are on the home page.',
};

export type ExpiryStrings = typeof en;

const fr: ExpiryStrings = {
  expiredTitle: 'Cet article n’est plus disponible',
  expiredText: '« {title} » était disponible sur ce site jusqu’au {date}.',
  expiredMore: 'Nos derniers articles sont sur la page d’accueil.',
};

const de: ExpiryStrings = {
  expiredTitle: 'Dieser Artikel ist nicht mehr verfügbar',
  expiredText: '„{title}“ war auf dieser Website bis {date} verfügbar.',
  expiredMore: 'Unsere neuesten Artikel finden Sie auf der Startseite.',
};

const es: ExpiryStrings = {
  expiredTitle: 'Esta noticia ya no está disponible',
  expiredText: '«{title}» estuvo disponible en este sitio hasta el {date}.',
  expiredMore: 'Nuestras últimas noticias están en la portada.',
};

const zhHant: ExpiryStrings = {
  expiredTitle: '這篇報導已無法閱讀',
  expiredText: '「{title}」在本站的刊登期限至 {date} 為止。',
  expiredMore: '最新報導請見首頁。',
};

const ar: ExpiryStrings = {
  expiredTitle: 'هذا الخبر لم يعد متاحًا',
  expiredText: 'كان «{title}» متاحًا على هذا الموقع حتى {date}.',
  expiredMore: 'أحدث أخبارنا في الصفحة الرئيسية.',
};

export const EXPIRY_STRINGS: Record<string, ExpiryStrings> = { en, fr, de, es, 'zh-Hant': zhHant, ar };

export const expiryStrings = perLanguage((language: string): Readonly<ExpiryStrings & { lang: string }> => {
  const lang = shippedLanguage(EXPIRY_STRINGS, language);
  return Object.freeze({ ...EXPIRY_STRINGS[lang], lang });
});
