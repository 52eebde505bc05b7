import { defineWords } from '../define.js';

/** The frame around every signed-in screen: navigation, the person's corner, the language chooser. */
export const layout = defineWords({
  en: {
    navLabel: 'Admin',
    skipLink: 'Skip to the screen',
    menu: 'Menu',
    signOut: 'Sign out',
    signOutEverywhere: 'Sign out everywhere',
    language: 'Admin language',
    browserLanguage: 'As my browser ({language})',
  },
  fr: {
    navLabel: 'Administration',
    skipLink: 'Aller à l’écran',
    menu: 'Menu',
    signOut: 'Se déconnecter',
    signOutEverywhere: 'Se déconnecter partout',
    language: 'Langue de l’administration',
    browserLanguage: 'Comme mon navigateur ({language})',
  },
  de: {
    navLabel: 'Verwaltung',
    skipLink: 'Zum Inhalt springen',
    menu: 'Menü',
    signOut: 'Abmelden',
    signOutEverywhere: 'Überall abmelden',
    language: 'Sprache der Verwaltung',
    browserLanguage: 'Wie mein Browser ({language})',
  },
  es: {
    navLabel: 'Administración',
    skipLink: 'Ir a la pantalla',
    menu: 'Menú',
    signOut: 'Cerrar sesión',
    signOutEverywhere: 'Cerrar sesión en todas partes',
    language: 'Idioma de la administración',
    browserLanguage: 'Como mi navegador ({language})',
  },
  'zh-Hant': {
    navLabel: '管理',
    skipLink: '跳至畫面內容',
    menu: '選單',
    signOut: '登出',
    signOutEverywhere: '登出所有裝置',
    language: '管理介面語言',
    browserLanguage: '跟隨瀏覽器（{language}）',
  },
  ar: {
    navLabel: 'الإدارة',
    skipLink: 'انتقل إلى الشاشة',
    menu: 'القائمة',
    signOut: 'تسجيل الخروج',
    signOutEverywhere: 'تسجيل الخروج من كل الأجهزة',
    language: 'لغة الإدارة',
    browserLanguage: 'حسب المتصفح ({language})',
  },
});
