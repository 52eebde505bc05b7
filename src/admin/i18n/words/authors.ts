import { defineWords } from '../define.js';

/** The editor's byline picker. */
export const authors = defineWords({
  en: {
    label: 'Authors',
    chosen: 'Chosen authors',
    person: 'Person {id}',
    removeName: 'Remove {name}',
    addAuthor: 'Add an author…',
    staff: 'Staff',
  },
  fr: {
    label: 'Auteurs',
    chosen: 'Auteurs choisis',
    person: 'Personne {id}',
    removeName: 'Retirer {name}',
    addAuthor: 'Ajouter un auteur…',
    staff: 'Équipe',
  },
  de: {
    label: 'Autoren',
    chosen: 'Gewählte Autoren',
    person: 'Person {id}',
    removeName: '{name} entfernen',
    addAuthor: 'Autor hinzufügen …',
    staff: 'Team',
  },
  es: {
    label: 'Autores',
    chosen: 'Autores elegidos',
    person: 'Persona {id}',
    removeName: 'Quitar a {name}',
    addAuthor: 'Añadir un autor…',
    staff: 'Equipo',
  },
  'zh-Hant': {
    label: '作者',
    chosen: '已選作者',
    person: '成員 {id}',
    removeName: '移除 {name}',
    addAuthor: '新增作者…',
    staff: '成員',
  },
  ar: {
    label: 'الكتّاب',
    chosen: 'الكتّاب المختارون',
    person: 'الشخص {id}',
    removeName: 'إزالة {name}',
    addAuthor: 'أضف كاتبًا…',
    staff: 'الفريق',
  },
});
