import { perLanguage } from '../content/languages.js';
import { shippedLanguage, type PluralForms } from '../core/interface-text.js';

/** A live blog's words on the public page (and in the live updates readers receive). */
const en = {
  heading: 'Live updates',
  live: 'Live',
  ended: 'Coverage has ended.',
  newUpdates: { one: '{n} new update', other: '{n} new updates' } as PluralForms,
  pinned: 'Pinned',
  by: 'By {name}',
  original: 'Not yet translated: original in {language}',
  machine: 'Machine translation',
  none: 'No updates yet. New ones appear here as they are published.',
  link: 'Link to this update',
  embed: 'Open on {site}',
};

type LiveStrings = typeof en;

const fr: LiveStrings = {
  heading: 'En direct',
  live: 'En direct',
  ended: 'Le direct est terminé.',
  newUpdates: { one: '{n} nouvelle entrée', other: '{n} nouvelles entrées' },
  pinned: 'Épinglé',
  by: 'Par {name}',
  original: 'Pas encore traduit : original en {language}',
  machine: 'Traduction automatique',
  none: 'Pas encore d’entrée. Les nouvelles apparaissent ici dès leur publication.',
  link: 'Lien vers cette entrée',
  embed: 'Ouvrir sur {site}',
};

const de: LiveStrings = {
  heading: 'Liveticker',
  live: 'Live',
  ended: 'Die Berichterstattung ist beendet.',
  newUpdates: { one: '{n} neuer Eintrag', other: '{n} neue Einträge' },
  pinned: 'Angeheftet',
  by: 'Von {name}',
  original: 'Noch nicht übersetzt: Original auf {language}',
  machine: 'Maschinelle Übersetzung',
  none: 'Noch keine Einträge. Neue erscheinen hier, sobald sie veröffentlicht sind.',
  link: 'Link zu diesem Eintrag',
  embed: 'Auf {site} öffnen',
};

const es: LiveStrings = {
  heading: 'En directo',
  live: 'En directo',
  ended: 'La cobertura ha terminado.',
  newUpdates: { one: '{n} actualización nueva', other: '{n} actualizaciones nuevas' },
  pinned: 'Fijado',
  by: 'Por {name}',
  original: 'Aún sin traducir: original en {language}',
  machine: 'Traducción automática',
  none: 'Aún no hay actualizaciones. Las nuevas aparecen aquí en cuanto se publican.',
  link: 'Enlace a esta actualización',
  embed: 'Abrir en {site}',
};

const zhHant: LiveStrings = {
  heading: '即時動態',
  live: '直播中',
  ended: '報導已結束。',
  newUpdates: { other: '{n} 則新動態' },
  pinned: '置頂',
  by: '作者：{name}',
  original: '尚未翻譯：原文為{language}',
  machine: '機器翻譯',
  none: '尚無動態。新動態發布後會顯示在這裡。',
  link: '這則動態的連結',
  embed: '在 {site} 開啟',
};

const ar: LiveStrings = {
  heading: 'تحديثات مباشرة',
  live: 'مباشر',
  ended: 'انتهت التغطية.',
  newUpdates: { zero: 'لا تحديثات جديدة', one: 'تحديث جديد واحد', two: 'تحديثان جديدان', few: '{n} تحديثات جديدة', many: '{n} تحديثًا جديدًا', other: '{n} تحديث جديد' },
  pinned: 'مثبّت',
  by: 'بقلم {name}',
  original: 'لم يُترجم بعد: النص الأصلي باللغة {language}',
  machine: 'ترجمة آلية',
  none: 'لا تحديثات بعد. تظهر الجديدة هنا فور نشرها.',
  link: 'رابط هذا التحديث',
  embed: 'افتح على {site}',
};

export const LIVE_STRINGS: Record<string, LiveStrings> = { en, fr, de, es, 'zh-Hant': zhHant, ar };

/** The live blog's words for a page language, and the language they are in. */
export const liveStringsFor = perLanguage((language: string) => {
  const lang = shippedLanguage(LIVE_STRINGS, language);
  return { ...LIVE_STRINGS[lang], lang };
});
