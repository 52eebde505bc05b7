import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendErrorPage } from '../site/site.shared.js';
import { AppError, errorBody, invalid, type FieldError } from '../core/errors.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** What a schema keyword's fault is, in the codes clients translate (core/errors.ts). */
function faultOf(error: AjvError): Pick<FieldError, 'code' | 'limit'> {
  const limit = Number(error.params.limit);
  switch (error.keyword) {
    case 'maxLength':
      return { code: 'too_long', limit };
    // An empty text where one is needed is a missing one, to the person filling the form.
    case 'minLength':
      return limit === 1 ? { code: 'required' } : { code: 'too_short', limit };
    case 'maximum':
      return { code: 'too_large', limit };
    case 'minimum':
      return { code: 'too_small', limit };
    default:
      return { code: 'invalid' };
  }
}

/** Turns Ajv's errors into `{ field, message, code }`, naming the missing property itself. */
export function fieldsFromValidation(errors: AjvError[], context: string | undefined): FieldError[] {
  const prefix = context && context !== 'body' ? `${context}.` : '';
  const fields = errors.map((error): FieldError => {
    const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (error.keyword === 'required') {
      const missing = String(error.params.missingProperty);
      return { field: prefix + (path ? `${path}.${missing}` : missing), message: 'is required', code: 'required' };
    }
    if (error.keyword === 'additionalProperties') {
      const extra = String(error.params.additionalProperty);
      return { field: prefix + (path ? `${path}.${extra}` : extra), message: 'is not a known field', code: 'unknown_field' };
    }
    return { field: prefix + (path || context || 'body'), message: error.message ?? 'is invalid', ...faultOf(error) };
  });
  // A union (anyOf) reports every branch; one line per field is what a person wants.
  return fields.filter((f, i) => fields.findIndex((g) => g.field === f.field) === i);
}

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    return invalid(fieldsFromValidation(error.validation as AjvError[], error.validationContext));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('BAD_REQUEST', 'The JSON body is empty.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('BAD_REQUEST', 'The body is not valid JSON.');
    // PostgreSQL refusing NUL in text (22021) or in JSON (22P05): the input guard (input-guard.ts)
    // stops these first; this is the last line of defence for text arriving some other way.
    case '22021':
    case '22P05':
      return new AppError('BAD_REQUEST', 'The request holds characters that cannot be stored (a NUL or an invalid escape).');
  }
  if (error.statusCode === 429) return new AppError('RATE_LIMITED', error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(error.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', error.message);
  }
  return new AppError('INTERNAL');
}

/** A browser opening an address of the site (not of an API): it asks for HTML. */
function opensPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0];
  const accept = request.headers.accept ?? '';
  return (request.method === 'GET' || request.method === 'HEAD') && path !== '/api' && !path.startsWith('/api/') && accept.includes('text/html') && !accept.includes('application/json');
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'unhandled error');
    // Missing or withdrawn, opened in a browser (a story's comments feed, say): the site's page.
    if ((appError.status === 404 || appError.status === 410) && opensPage(request)) return sendErrorPage(request, reply, appError.status);
    const headers = (error as { headers?: Record<string, string> }).headers;
    if (error.statusCode === 429 && headers) reply.headers(headers);
    return reply.status(appError.status).send(errorBody(appError));
  });
}
