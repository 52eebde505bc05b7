import { describe, expect, it } from 'vitest';
import { adminText } from '../i18n/index.js';
import { errorText, faultText } from './error-text.js';

const french = adminText('fr');
const arabic = adminText('ar');

describe("the server's refusals in the person's language", () => {
  it('says a refused action on a story from its reason, verb and role', () => {
    const trash = { code: 'FORBIDDEN', message: 'The contributor role may only delete its own stories.', details: { role: 'contributor', reason: 'own', verb: 'delete' } };
    expect(errorText(trash, french)).toEqual({ text: 'Votre rôle (Contributeur) ne permet de mettre à la corbeille que vos propres articles.', detail: null });
    expect(errorText(trash, arabic).text).toBe('دورك (مساهم) يسمح بنقل قصصك أنت فقط إلى سلة المهملات.');
    expect(errorText(trash, adminText('en')).text).toBe('Your role (Contributor) may only move your own stories to the trash.');
    const locked = { code: 'FORBIDDEN', message: 'A contributor may not change a story once it is scheduled or published.', details: { role: 'contributor', reason: 'published', verb: 'edit' } };
    expect(errorText(locked, french).text).toBe('Un contributeur ne peut plus modifier un article une fois programmé ou publié.');
    // A refusal with a role but no rule the admin knows: the role's words.
    expect(errorText({ code: 'FORBIDDEN', message: 'The author role may not do "taxonomy.manage".', details: { role: 'author' } }, french).text).toBe('Votre rôle (Auteur) ne le permet pas.');
  });

  it('names each field at fault with what is wrong with it', () => {
    const refused = {
      code: 'VALIDATION_FAILED',
      message: 'Invalid input — title: is required; standfirst: must NOT have more than 500 characters; status: must be equal to one of the allowed values',
      fields: [
        { field: 'title', message: 'is required', code: 'required' },
        { field: 'standfirst', message: 'must NOT have more than 500 characters', code: 'too_long', limit: 500 },
        { field: 'names.fr.name', message: 'is required', code: 'required' },
        { field: 'status', message: 'must be equal to one of the allowed values', code: 'invalid' },
      ],
    };
    expect(errorText(refused, french).text).toBe(
      'Certains champs demandent une autre valeur. Titre : Obligatoire. Chapô : Trop long : 500 caractères au plus. Nom : Obligatoire. Statut : Cette valeur n’est pas acceptée.',
    );
    expect(faultText(refused.fields[1], arabic)).toBe('طويل جدًا: 500 حرفًا على الأكثر.');
  });

  it('says not found, conflicts and rate limits in its words, keeping what only the server knows', () => {
    expect(errorText({ code: 'NOT_FOUND', message: 'Article 12 was not found.' }, french).text).toBe('Ceci n’existe plus : quelqu’un l’a peut-être supprimé. Rechargez la page.');
    expect(errorText({ code: 'RATE_LIMITED', message: 'Too many requests; try again later.' }, arabic).text).toBe('محاولات كثيرة جدًا: انتظر قليلًا ثم حاول مجددًا.');
    const locked = { code: 'RATE_LIMITED', message: 'Sign-in for this e-mail is locked…', details: { reason: 'sign_in_locked', lockedUntil: '2026-12-05T10:15:00.000Z', failures: 10 } };
    expect(errorText(locked, french).text).toMatch(/^Après 10 mots de passe erronés, la connexion avec cette adresse est bloquée jusqu’au .*2026/);
    const archived = { code: 'CONFLICT', message: 'This live blog is archived: it can no longer be changed.' };
    expect(errorText(archived, french)).toEqual({ text: 'Ceci contredit ce qui est enregistré maintenant.', detail: archived.message });
    // In English the server's own words say it best.
    expect(errorText(archived, adminText('en'))).toEqual({ text: archived.message, detail: null });
  });

  it("shows what it has no words for as the server wrote it: an unknown code, a field's fault without one", () => {
    expect(errorText({ code: 'SOMETHING_NEW', message: 'A new kind of refusal.' }, french).text).toBe('A new kind of refusal.');
    expect(faultText({ field: 'url', message: 'must be an http(s) URL' }, french)).toBe('must be an http(s) URL');
    const uncoded = { code: 'VALIDATION_FAILED', message: 'Invalid input — url: must be an http(s) URL', fields: [{ field: 'url', message: 'must be an http(s) URL' }] };
    expect(errorText(uncoded, french).text).toBe(uncoded.message);
  });
});
