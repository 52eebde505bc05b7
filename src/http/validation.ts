/**
 * How route schemas are compiled: Ajv with every fault listed and unknown fields reported, in
 * two instances. Query strings, path parameters and headers arrive as text, so they are
 * coerced to the schema's types (`?page=2` is the number 2). JSON bodies are not: they carry
 * their own types, and coercion inside a union rewrote them — a `section: null` ("no
 * section") became the number 0 in the first branch and then the section *named* "0".
 */
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { finiteNumbers } from './finite-numbers.js';

// Unknown fields are reported, not silently dropped; every fault is listed at once.
// `optimize: false` skips Ajv's code-optimising passes: compiling every route's schema at start
// took a third of a second with them; validation answers are the same.
const COMMON: Options = { removeAdditional: false, allErrors: true, useDefaults: true, code: { optimize: false } };

function ajvWith(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ ...COMMON, coerceTypes });
  addFormats.default(ajv);
  // ±Infinity (coerced from "Infinity" or "1e400", or a JSON 1e400) is refused as a fault of its field.
  finiteNumbers(ajv as never);
  return ajv;
}

/** Fastify's validator compiler (app.setValidatorCompiler): bodies as sent, the URL's parts coerced. */
export function schemaCompiler(): FastifySchemaCompiler<unknown> {
  const body = ajvWith(false);
  const text = ajvWith('array');
  return ({ schema, httpPart }) => (httpPart === 'body' ? body : text).compile(schema as object);
}
