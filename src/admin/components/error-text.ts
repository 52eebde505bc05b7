import { isRole } from '../../people/roles.js';
import type { FieldError } from '../api.js';
import type { AdminText, AdminWords } from '../i18n/index.js';

/** A refusal as the server answers it (`{ error: { code, message, fields, …details } }`). */
export interface Refusal {
  code: string;
  message: string;
  fields?: FieldError[];
  details?: Record<string, unknown>;
}

type ErrorWord = keyof AdminWords['errors'];

function word(t: AdminText, key: string): string | null {
  return key in t.errors ? t.errors[key as ErrorWord] : null;
}

/** A field's name as the person's forms call it (`names.fr.name` is a name), else as the server wrote it. */
export function fieldLabel(field: string, t: AdminText): string {
  return word(t, `field_${field.split('.').pop()}`) ?? field;
}

/** What is wrong with a field, in the person's language when the server said it with a code. */
export function faultText(fault: FieldError, t: AdminText): string {
  const template = fault.code ? word(t, `fault_${fault.code}`) : null;
  return template ? t.format(template, { limit: fault.limit ?? '' }) : fault.message;
}

function forbiddenText(details: Record<string, unknown>, t: AdminText): string {
  const role = isRole(details.role) ? t.common[`role_${details.role}`] : null;
  if (!role) return t.errors.forbidden;
  const specific = word(t, `${details.reason}_${details.verb}`);
  return t.format(specific ?? t.errors.forbiddenRole, { role });
}

function lockedText({ lockedUntil, failures }: Record<string, unknown>, t: AdminText): string {
  const time = typeof lockedUntil === 'string' && !Number.isNaN(Date.parse(lockedUntil)) ? new Date(lockedUntil) : null;
  if (!time || typeof failures !== 'number') return t.errors.rateLimited;
  const shown = new Intl.DateTimeFormat(t.lang, { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(time);
  return t.format(t.errors.signInLocked, { time: shown, failures: new Intl.NumberFormat(t.lang).format(failures) });
}

/**
 * A refusal in the person's interface language, from its codes: `text`, and `detail`, the
 * server's own (English) words when they say more than the code does (a conflict's cause),
 * or null. A code the admin does not know is shown as the server wrote it.
 */
export function errorText(error: Refusal, t: AdminText): { text: string; detail: string | null } {
  const details = error.details ?? {};
  const fields = error.fields ?? [];
  const own = (text: string) => ({ text, detail: null });
  // Generic words, and the server's for what only it knows; English needs only the server's.
  const withDetail = (text: string) => (t.lang === 'en' ? own(error.message) : { text, detail: error.message });
  switch (error.code) {
    case 'VALIDATION_FAILED':
      // Faults with no code (a rule only the server words, or the admin's own check) read as written.
      if (!fields.some((f) => f.code)) return own(error.message);
      return own([t.errors.invalidFields, ...fields.map((f) => t.format(t.errors.fieldFault, { field: fieldLabel(f.field, t), problem: faultText(f, t) }))].join(' '));
    case 'FORBIDDEN':
      return details.role ? own(forbiddenText(details, t)) : withDetail(t.errors.forbidden);
    case 'NOT_FOUND':
      return own(t.errors.notFound);
    case 'VERSION_CONFLICT':
      return own(t.errors.versionConflict);
    case 'CONFLICT':
      return withDetail(t.errors.conflict);
    case 'RATE_LIMITED':
      return own(details.reason === 'sign_in_locked' ? lockedText(details, t) : t.errors.rateLimited);
    case 'UNAUTHORIZED':
      return own(details.reason === 'wrong_password' ? t.errors.wrongPassword : t.errors.unauthorized);
    case 'PAYLOAD_TOO_LARGE':
      return own(t.errors.tooLarge);
    case 'UNSUPPORTED_MEDIA_TYPE':
      return own(t.errors.unsupportedType);
    case 'INTERNAL':
      return own(t.errors.internal);
    default:
      return own(error.message);
  }
}
