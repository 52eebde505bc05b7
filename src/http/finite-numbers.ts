/**
 * An Ajv plugin (applied in validation.ts): every validator Fastify compiles for a
 * route's params, query string, body or headers also refuses numbers that are not finite.
 *
 * Two roads lead to them, neither closed by Ajv itself:
 * - type coercion turns the strings "Infinity", "-Infinity" and "1e400" into ±Infinity, and
 *   the code Ajv generates then skips `minimum`/`maximum` (with `strictNumbers` its number
 *   keywords only run on finite numbers), so `?limit=Infinity` reached SQL as a 500;
 * - JSON.parse reads a literal too large for a double (1e400) as Infinity, which coercion
 *   then turns into the string "Infinity" where a field also takes a string.
 * The data is read before validation (literals from JSON) and after it (coerced values);
 * each fault is reported as Ajv reports its own, so the error handler names the field
 * (`querystring.limit`, `params.id`, `section`) in the usual 400.
 */
import type { FastifyServerOptions } from 'fastify';

interface AjvErrorObject {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

interface ValidateFunction {
  (this: unknown, data: unknown, ...rest: unknown[]): boolean | Promise<unknown>;
  errors?: AjvErrorObject[] | null;
}

interface AjvInstance {
  compile(schema: object, meta?: boolean): ValidateFunction;
}

export const NOT_FINITE_MESSAGE = 'must be a finite number';

/** JSON Pointers (Ajv's `instancePath`) of every number in `data` that is not finite. */
export function nonFinitePaths(data: unknown): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[data, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) found.push(path);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}/${i}`]);
    } else if (value !== null && typeof value === 'object' && isPlain(value)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], `${path}/${pointerToken(entries[i][0])}`]);
    }
  }
  return found;
}

// Parsed JSON and forms are plain objects; path parameters and query strings come as objects
// whose prototype has no prototype (find-my-way's NullObject). Buffers, streams and dates are
// not data to read.
function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null;
}

function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function faultAt(instancePath: string): AjvErrorObject {
  return { instancePath, schemaPath: '#/finite', keyword: 'finite', params: {}, message: NOT_FINITE_MESSAGE };
}

/** The plugin type Fastify's `ajv.plugins` option takes (Ajv's own `Plugin`, without depending on ajv). */
type AjvPlugin = Extract<NonNullable<NonNullable<FastifyServerOptions['ajv']>['plugins']>[number], (...args: never[]) => unknown>;

export const finiteNumbers: AjvPlugin = (ajv) => {
  const instance = ajv as unknown as AjvInstance;
  const compile = instance.compile.bind(instance);
  instance.compile = (schema, meta) => {
    const validate = compile(schema, meta);
    const checked: ValidateFunction = function (this: unknown, data, ...rest) {
      const before = nonFinitePaths(data);
      const valid = validate.call(this, data, ...rest);
      // Asynchronous schemas ($async) are not used by any route; they keep Ajv's answer.
      if (typeof valid !== 'boolean') return valid;
      const faults = [...new Set([...before, ...nonFinitePaths(data)])];
      checked.errors = faults.length ? [...(valid ? [] : (validate.errors ?? [])), ...faults.map(faultAt)] : validate.errors;
      return valid && faults.length === 0;
    };
    return checked;
  };
  return ajv;
};
