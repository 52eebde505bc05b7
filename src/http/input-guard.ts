import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendErrorPage } from '../site/site.shared.js';
import { errorBody, invalid, type FieldError } from '../core/errors.js';
import { decodeEscapes, INVALID_ENCODING_MESSAGE, unsafeCharacter, unsafeTextIn, unsafeTextMessage, visible } from '../core/unsafe-text.js';

/**
 * One guard for every route: no control character, unpaired surrogate or invalid UTF-8
 * percent-encoding gets past the URL (path parameters, query strings) or the body (JSON
 * strings of every API, form posts such as comments) to a service or the database. The
 * APIs answer 400 naming the field; the public site answers its normal 404 page, as it does
 * for any address that names nothing. See unsafe-text.ts for which characters.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const faults = urlFaults(request);
    if (!faults.length) return;
    if (answersWithPage(request)) return sendErrorPage(request, reply, 404);
    throw invalid(faults);
  });
  app.addHook('preValidation', async (request) => {
    const faults = unsafeTextIn(request.body);
    if (faults.length) throw invalid(faults);
  });
}

/** Reading a page of the site; everything under /api and every write answers JSON. */
function answersWithPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0];
  return (request.method === 'GET' || request.method === 'HEAD') && path !== '/api' && !path.startsWith('/api/');
}

// Anything that could need a look: an escape, a raw control character or surrogate.
const SUSPECT = /[%\u0000-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** What is wrong with the request's path and query string; empty when nothing is. */
function urlFaults(request: FastifyRequest): FieldError[] {
  const url = request.url;
  if (!SUSPECT.test(url)) return [];
  const mark = url.indexOf('?');
  const rawPath = mark === -1 ? url : url.slice(0, mark);
  const faults: FieldError[] = [];
  const path = decodeEscapes(rawPath);
  if (path === null) faults.push({ field: 'path', message: INVALID_ENCODING_MESSAGE });
  else if (unsafeCharacter(path, 'line')) faults.push(pathFault(request.params, path));
  if (mark !== -1) faults.push(...queryFaults(url.slice(mark + 1)));
  return faults;
}

/** The path parameter holding the fault (`params.slug`), or the path when no parameter does. */
function pathFault(params: unknown, path: string): FieldError {
  for (const [name, value] of Object.entries((params ?? {}) as Record<string, unknown>)) {
    const char = typeof value === 'string' ? unsafeCharacter(value, 'line') : null;
    if (char) return { field: `params.${name}`, message: unsafeTextMessage(char) };
  }
  return { field: 'path', message: unsafeTextMessage(unsafeCharacter(path, 'line')!) };
}

/** Faults of a raw query string, read pair by pair as the query-string parser reads it. */
function queryFaults(query: string): FieldError[] {
  const faults: FieldError[] = [];
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const equals = pair.indexOf('=');
    const rawName = (equals === -1 ? pair : pair.slice(0, equals)).replace(/\+/g, ' ');
    const rawValue = (equals === -1 ? '' : pair.slice(equals + 1)).replace(/\+/g, ' ');
    const name = decodeEscapes(rawName);
    if (name === null) {
      faults.push({ field: 'querystring', message: `has a parameter name that ${INVALID_ENCODING_MESSAGE}` });
      continue;
    }
    const nameChar = unsafeCharacter(name, 'line');
    if (nameChar) {
      faults.push({ field: `querystring.${visible(name)}`, message: `is a parameter name that ${unsafeTextMessage(nameChar)}` });
      continue;
    }
    const value = decodeEscapes(rawValue);
    const valueChar = value === null ? null : unsafeCharacter(value);
    if (value === null) faults.push({ field: `querystring.${name}`, message: INVALID_ENCODING_MESSAGE });
    else if (valueChar) faults.push({ field: `querystring.${name}`, message: unsafeTextMessage(valueChar) });
  }
  return faults.filter((f, i) => faults.findIndex((g) => g.field === f.field) === i);
}

/**
 * Fastify's `frameworkErrors`: a path whose escapes do not decode (`/en/a%C0%80`, `%zz`)
 * never reaches a route or a hook, so it is answered here, as the guard answers: the site's
 * 404 page, or a 400 naming the parameter. Other framework errors keep Fastify's answers.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL') {
    if (answersWithPage(request)) {
      sendErrorPage(request, reply, 404).catch((failure: unknown) => {
        request.log.error({ err: failure }, 'cannot answer the 404 page of a malformed address');
        if (!reply.sent) reply.status(404).type('text/plain; charset=utf-8').send('Not found');
      });
      return;
    }
    reply.status(400).send(errorBody(invalid([{ field: badParameter(request), message: INVALID_ENCODING_MESSAGE }])));
    return;
  }
  // As Fastify answers them without this option.
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    reply.status(414).send({ error: 'Bad Request', code: error.code, message: error.message, statusCode: 414 });
    return;
  }
  reply.status(500).send({ error: 'Internal Server Error', message: error.message, statusCode: 500 });
}

/** Which parameter of the route holds the undecodable escape (`params.slug`), else `path`. */
function badParameter(request: FastifyRequest): string {
  const rawPath = request.url.split('?')[0];
  // Each undecodable run becomes U+FFFD, so the router can match the path and name its parameter.
  const repaired = rawPath.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => (decodeEscapes(run) === null ? '%EF%BF%BD' : run)).replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
  try {
    const route = request.server.findRoute({ method: request.method as 'GET', url: repaired });
    const name = Object.entries((route?.params ?? {}) as Record<string, unknown>).find(([, value]) => String(value).includes('\uFFFD'))?.[0];
    return name ? `params.${name}` : 'path';
  } catch {
    return 'path';
  }
}
