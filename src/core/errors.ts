/**
 * Every error the HTTP surface answers with, declared once: a stable code, its status and
 * a default message. Services throw `AppError`s; the error handler turns them into JSON.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: 'The request has fields at fault.' },
  BAD_REQUEST: { status: 400, message: 'The request could not be understood.' },
  UNAUTHORIZED: { status: 401, message: 'A valid token or session is required.' },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this action.' },
  NOT_FOUND: { status: 404, message: 'Nothing exists at this address.' },
  VERSION_CONFLICT: { status: 409, message: 'The stored version is newer than the one you edited.' },
  CONFLICT: { status: 409, message: 'This conflicts with what is stored.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'This content type is not accepted.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; try again later.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  UNAVAILABLE: { status: 503, message: 'The server is at capacity; try again later.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/**
 * What is wrong with a field, as a stable code beside the English message, so that a client
 * (the admin) can say it in the person's own language. A fault without one is told as written.
 */
export const FIELD_FAULTS = ['required', 'unknown_field', 'too_long', 'too_short', 'too_large', 'too_small', 'invalid'] as const;
export type FieldFault = (typeof FIELD_FAULTS)[number];

export interface FieldError {
  /** The field's path, dotted for nested fields (`featuredImage.url`). */
  field: string;
  message: string;
  code?: FieldFault;
  /** For `too_long` and `too_short` (characters), `too_large` and `too_small` (the bound). */
  limit?: number;
}

/** A required field left empty; `message` may say what it is needed for. */
export function requiredField(field: string, message = 'is required'): FieldError {
  return { field, code: 'required', message };
}

/** A text longer than `limit` characters. */
export function tooLong(field: string, limit: number, length?: number): FieldError {
  return { field, code: 'too_long', limit, message: `must be at most ${limit} characters${length === undefined ? '' : ` (it has ${length})`}` };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldError[] | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message?: string,
    extra: { fields?: FieldError[]; details?: Record<string, unknown> } = {},
  ) {
    super(message ?? ERRORS[code].message);
    this.code = code;
    this.status = ERRORS[code].status;
    this.fields = extra.fields;
    this.details = extra.details;
  }
}

/** A 400 naming the fields at fault. */
export function invalid(fields: FieldError[]): AppError {
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new AppError('VALIDATION_FAILED', `Invalid input — ${summary}`, { fields });
}

export function invalidField(field: string, message: string): AppError {
  return invalid([{ field, message }]);
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} was not found.`);
}

/**
 * A refused action. `details` tell it to a client in stable terms: the actor's `role`, and for
 * a rule about stories the `reason` (`role`: the role may not; `own`: only its own stories;
 * `published`: not once it is out) and the `verb` refused (`edit`, `publish`, `delete`).
 */
export function forbidden(message: string, details?: { role: string; reason?: string; verb?: string }): AppError {
  return new AppError('FORBIDDEN', message, details ? { details } : {});
}

export function errorBody(error: AppError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.details ?? {}),
    },
  };
}
