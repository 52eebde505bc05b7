import { defineWords } from '../define.js';

/** The editor's way to the story as readers see it: a private preview before publication, the live page after. */
export const previews = defineWords({
  en: {
    viewStory: 'View the story ↗',
    preview: 'Preview',
    asLastSaved: 'Shows the story as last saved',
    copyLink: 'Copy preview link',
    linkCopied: 'Preview link copied',
    linkUntil: 'Preview link, works until {time}',
  },
  fr: {
    viewStory: 'Voir l’article ↗',
    preview: 'Aperçu',
    asLastSaved: 'Montre l’article tel qu’il a été enregistré en dernier',
    copyLink: 'Copier le lien d’aperçu',
    linkCopied: 'Lien d’aperçu copié',
    linkUntil: 'Lien d’aperçu, valable jusqu’au {time}',
  },
  de: {
    viewStory: 'Artikel ansehen ↗',
    preview: 'Vorschau',
    asLastSaved: 'Zeigt den Artikel, wie er zuletzt gespeichert wurde',
    copyLink: 'Vorschau-Link kopieren',
    linkCopied: 'Vorschau-Link kopiert',
    linkUntil: 'Vorschau-Link, gültig bis {time}',
  },
  es: {
    viewStory: 'Ver el artículo ↗',
    preview: 'Vista previa',
    asLastSaved: 'Muestra el artículo tal como se guardó por última vez',
    copyLink: 'Copiar enlace de vista previa',
    linkCopied: 'Enlace de vista previa copiado',
    linkUntil: 'Enlace de vista previa, válido hasta el {time}',
  },
  'zh-Hant': {
    viewStory: '檢視報導 ↗',
    preview: '預覽',
    asLastSaved: '顯示上次儲存的內容',
    copyLink: '複製預覽連結',
    linkCopied: '已複製預覽連結',
    linkUntil: '預覽連結，有效期限至 {time}',
  },
  ar: {
    // The arrow points outward toward the reading direction's end.
    viewStory: 'عرض القصة ↖',
    preview: 'معاينة',
    asLastSaved: 'تعرض القصة كما حُفظت آخر مرة',
    copyLink: 'نسخ رابط المعاينة',
    linkCopied: 'نُسخ رابط المعاينة',
    linkUntil: 'رابط المعاينة، صالح حتى {time}',
  },
});
