import { defineWords } from '../define.js';

/** The editor's byline picker. */
export const authors = defineWords({
  en: {
    label: 'Authors',
    person: 'Person {id}',
    removeName: 'Remove {name}',
    addAuthor: 'Add an author…',
  },
  fr: {
    label: 'Auteurs',
    person: 'Personne {id}',
    removeName: 'Retirer {name}',
    addAuthor: 'Ajouter un auteur…',
  },
  de: {
    label: 'Autoren',
    person: 'Person {id}',
    removeName: '{name} entfernen',
    addAuthor: 'Autor hinzufügen …',
  },
  es: {
    label: 'Autores',
    person: 'Persona {id}',
    removeName: 'Quitar a {name}',
    addAuthor: 'Añadir un autor…',
  },
  'zh-Hant': {
    label: '作者',
    person: '成員 {id}',
    removeName: '移除 {name}',
    addAuthor: '新增作者…',
  },
  ar: {
    label: 'الكتّاب',
    person: 'الشخص {id}',
    removeName: 'إزالة {name}',
    addAuthor: 'أضف كاتبًا…',
  },
});
