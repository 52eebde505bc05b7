import { perLanguage } from '../content/languages.js';
import { shippedLanguage } from './i18n.js';

/** Interface text of stories' correction and update notes and of the corrections page. */
const en = {
  correction: 'Correction', update: 'Update', corrections: 'Corrections', updates: 'Updates', corrected: 'Corrected',
  title: 'Corrections and updates',
  intro: 'When we get something wrong in a story, we correct it and say so, here and on the story. When a story moves on after it is published, we add an update. Newest first.',
  none: 'No corrections or updates so far.', newer: 'Newer notes', older: 'Older notes', story: 'Story', all: 'All our corrections and updates',
};

type CorrectionStrings = typeof en;

const fr: CorrectionStrings = {
  correction: 'Correction', update: 'Mise à jour', corrections: 'Corrections', updates: 'Mises à jour', corrected: 'Corrigé',
  title: 'Corrections et mises à jour',
  intro: 'Quand nous nous trompons dans un article, nous le corrigeons et le signalons, ici et dans l’article. Quand l’actualité évolue après la publication, nous ajoutons une mise à jour. Les plus récentes d’abord.',
  none: 'Aucune correction ni mise à jour pour l’instant.', newer: 'Notes plus récentes', older: 'Notes plus anciennes', story: 'Article', all: 'Toutes nos corrections et mises à jour',
};

const de: CorrectionStrings = {
  correction: 'Korrektur', update: 'Aktualisierung', corrections: 'Korrekturen', updates: 'Aktualisierungen', corrected: 'Korrigiert',
  title: 'Korrekturen und Aktualisierungen',
  intro: 'Wenn uns in einem Artikel ein Fehler unterläuft, korrigieren wir ihn und sagen es – hier und im Artikel. Entwickelt sich eine Geschichte nach der Veröffentlichung weiter, ergänzen wir eine Aktualisierung. Die neuesten zuerst.',
  none: 'Bisher keine Korrekturen oder Aktualisierungen.', newer: 'Neuere Hinweise', older: 'Ältere Hinweise', story: 'Artikel', all: 'Alle unsere Korrekturen und Aktualisierungen',
};

const es: CorrectionStrings = {
  correction: 'Corrección', update: 'Actualización', corrections: 'Correcciones', updates: 'Actualizaciones', corrected: 'Corregido',
  title: 'Correcciones y actualizaciones',
  intro: 'Cuando nos equivocamos en una noticia, la corregimos y lo decimos, aquí y en la propia noticia. Cuando una noticia avanza después de publicarse, añadimos una actualización. Las más recientes primero.',
  none: 'Todavía no hay correcciones ni actualizaciones.', newer: 'Notas más recientes', older: 'Notas anteriores', story: 'Noticia', all: 'Todas nuestras correcciones y actualizaciones',
};

const zhHant: CorrectionStrings = {
  correction: '更正', update: '更新', corrections: '更正', updates: '更新', corrected: '已更正',
  title: '更正與更新',
  intro: '報導出錯時，我們會加以更正，並在此處及報導中說明；報導刊出後若有新進展，我們會加上更新。最新的排在最前。',
  none: '目前沒有更正或更新。', newer: '較新的說明', older: '較舊的說明', story: '報導', all: '我們的所有更正與更新',
};

const ar: CorrectionStrings = {
  correction: 'تصحيح', update: 'تحديث', corrections: 'تصحيحات', updates: 'تحديثات', corrected: 'صُحّح',
  title: 'التصحيحات والتحديثات',
  intro: 'عندما نخطئ في خبر نصحّحه ونعلن ذلك هنا وفي الخبر نفسه. وعندما تتطور القصة بعد نشرها نضيف تحديثًا. الأحدث أولًا.',
  none: 'لا توجد تصحيحات أو تحديثات حتى الآن.', newer: 'ملاحظات أحدث', older: 'ملاحظات أقدم', story: 'الخبر', all: 'كل تصحيحاتنا وتحديثاتنا',
};

export const CORRECTION_STRINGS: Record<string, CorrectionStrings> = { en, fr, de, es, 'zh-Hant': zhHant, ar };

/** The notes' strings for a language (see shippedLanguage), one frozen object per tag. */
export const correctionStrings = perLanguage((language: string): Readonly<CorrectionStrings & { lang: string }> => {
  const lang = shippedLanguage(CORRECTION_STRINGS, language);
  return Object.freeze({ ...CORRECTION_STRINGS[lang], lang });
});
