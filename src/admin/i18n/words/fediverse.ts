import { defineWords } from '../define.js';

/** The site on the fediverse: a story's likes and boosts in the editor. */
export const fediverse = defineWords({
  en: {
    panelHeading: 'On the fediverse',
    likes: 'Likes',
    boosts: 'Boosts',
  },
  fr: {
    panelHeading: 'Sur le fédivers',
    likes: 'J’aime',
    boosts: 'Partages',
  },
  de: {
    panelHeading: 'Im Fediverse',
    likes: 'Favoriten',
    boosts: 'Geteilt',
  },
  es: {
    panelHeading: 'En el fediverso',
    likes: 'Me gusta',
    boosts: 'Impulsos',
  },
  'zh-Hant': {
    panelHeading: '在聯邦宇宙',
    likes: '喜歡',
    boosts: '轉嘟',
  },
  ar: {
    panelHeading: 'على الفديفيرس',
    likes: 'الإعجابات',
    boosts: 'المشاركات',
  },
});
