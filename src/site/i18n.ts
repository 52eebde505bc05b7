/** Interface strings of the public site, per language we ship them for. */
const STRINGS = {
  en: {
    latest: 'Latest stories', by: 'By', published: 'Published', updated: 'Updated', source: 'Source',
    translatedFrom: 'Translated from {language}', byMachine: 'by machine translation', byPerson: 'by our translators',
    otherLanguages: 'Also in', notFound: 'Page not found', notFoundText: 'We could not find this page.',
    gone: 'Story withdrawn', goneText: 'This story has been withdrawn.', home: 'Home', noStories: 'No stories yet.', language: 'Language',
  },
  fr: {
    latest: 'Derniers articles', by: 'Par', published: 'Publié', updated: 'Mis à jour', source: 'Source',
    translatedFrom: 'Traduit de l’{language}', byMachine: 'par traduction automatique', byPerson: 'par nos traducteurs',
    otherLanguages: 'Aussi en', notFound: 'Page introuvable', notFoundText: 'Nous n’avons pas trouvé cette page.',
    gone: 'Article retiré', goneText: 'Cet article a été retiré.', home: 'Accueil', noStories: 'Aucun article pour l’instant.', language: 'Langue',
  },
  de: {
    latest: 'Neueste Artikel', by: 'Von', published: 'Veröffentlicht', updated: 'Aktualisiert', source: 'Quelle',
    translatedFrom: 'Übersetzt aus dem {language}', byMachine: 'maschinell', byPerson: 'von unserer Redaktion',
    otherLanguages: 'Auch auf', notFound: 'Seite nicht gefunden', notFoundText: 'Diese Seite gibt es nicht.',
    gone: 'Artikel zurückgezogen', goneText: 'Dieser Artikel wurde zurückgezogen.', home: 'Startseite', noStories: 'Noch keine Artikel.', language: 'Sprache',
  },
  es: {
    latest: 'Últimas noticias', by: 'Por', published: 'Publicado', updated: 'Actualizado', source: 'Fuente',
    translatedFrom: 'Traducido del {language}', byMachine: 'por traducción automática', byPerson: 'por nuestros traductores',
    otherLanguages: 'También en', notFound: 'Página no encontrada', notFoundText: 'No encontramos esta página.',
    gone: 'Noticia retirada', goneText: 'Esta noticia ha sido retirada.', home: 'Inicio', noStories: 'Aún no hay noticias.', language: 'Idioma',
  },
  'zh-Hant': {
    latest: '最新報導', by: '作者', published: '發布於', updated: '更新於', source: '來源',
    translatedFrom: '譯自{language}', byMachine: '（機器翻譯）', byPerson: '（人工翻譯）',
    otherLanguages: '其他語言', notFound: '找不到頁面', notFoundText: '我們找不到這個頁面。',
    gone: '報導已撤下', goneText: '這篇報導已被撤下。', home: '首頁', noStories: '尚無報導。', language: '語言',
  },
  ar: {
    latest: 'آخر الأخبار', by: 'بقلم', published: 'نُشر في', updated: 'حُدّث في', source: 'المصدر',
    translatedFrom: 'مترجم عن {language}', byMachine: 'بالترجمة الآلية', byPerson: 'بواسطة مترجمينا',
    otherLanguages: 'متوفر أيضًا بـ', notFound: 'الصفحة غير موجودة', notFoundText: 'لم نعثر على هذه الصفحة.',
    gone: 'تم سحب الخبر', goneText: 'تم سحب هذا الخبر.', home: 'الرئيسية', noStories: 'لا توجد أخبار بعد.', language: 'اللغة',
  },
} as const;

export type StringKey = keyof (typeof STRINGS)['en'];
export type Strings = Record<StringKey, string>;

/** The strings for a language: exact tag, then its base language, then English. */
export function stringsFor(language: string): Strings {
  const table = STRINGS as Record<string, Strings>;
  return table[language] ?? table[language.split('-')[0]] ?? table.en;
}

export function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** A date-time in the page's language and the site's time zone. */
export function formatDateTime(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
}
