import { Type, type IntegerOptions, type StringOptions } from '@sinclair/typebox';

/**
 * The largest number an `integer` column holds, and so the largest id a row can have:
 * PostgreSQL stops at 2³¹ − 1 (a larger number in a query is an error there, a 500, where
 * SQLite finds nothing).
 */
export const MAX_INTEGER = 2_147_483_647;
export const MAX_ID = MAX_INTEGER;

/** A row's id, in a path, a query string or a body: a whole number from 1 to MAX_ID. */
export function Id(options: IntegerOptions = {}) {
  return Type.Integer({ minimum: 1, maximum: MAX_ID, ...options });
}

/**
 * A row named by its id or by a name (a followed feed's section: found or created by name). A number is never
 * a name: Ajv, trying the branches in turn, would otherwise coerce a number the id branch
 * refused (2147483648, 0, -1, 1.5) into the text of a name and create a section so named.
 */
export function IdOrName(name: StringOptions) {
  return Type.Union([Id(), Type.String({ ...name, pattern: '^(?![-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?$)' })]);
}

/** The `:id` of a route. */
export const IdParams = Type.Object({ id: Id() });

/** Whether a number read by hand (a form field, a file name) can be an id. */
export function isId(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_ID;
}
