import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** Stands for one of the values while a prepared query is built; each run puts the value in its place. */
class Placeholder {
  constructor(
    readonly key: string,
    readonly index: number | null,
  ) {}
}

type Values = object;

function placeholdersFor<V extends Values>(values: V): V {
  const entries = Object.entries(values as Record<string, unknown>).map(([key, value]) => {
    if (value === null) return [key, null];
    if (Array.isArray(value)) return [key, value.map((_, index) => new Placeholder(key, index))];
    return [key, new Placeholder(key, null)];
  });
  return Object.fromEntries(entries) as V;
}

/** What decides the SQL text: the fixed values, which values are null, and each list's length. */
function shapeOf(values: Values, fixed: Values | undefined): string {
  let key = fixed ? JSON.stringify(fixed) : '';
  for (const value of Object.values(values)) key += value === null ? ':n' : Array.isArray(value) ? `:${value.length}` : ':v';
  return key;
}

function bind(parameters: readonly unknown[], values: Values): unknown[] {
  return parameters.map((parameter) => {
    if (!(parameter instanceof Placeholder)) return parameter;
    const value = (values as Record<string, unknown>)[parameter.key];
    return parameter.index === null ? value : (value as unknown[])[parameter.index];
  });
}

/**
 * A query built and compiled by Kysely once per database and shape, then run with new values.
 * Building and compiling a query tree took longer than SQLite takes to run the small indexed
 * queries of a story page (a fifth of an uncached render), so the pages every reader opens
 * reuse theirs.
 *
 * `build` receives placeholders in place of `values` (typed as the values, which they become):
 * it passes them where values go and tests them against null only. A null value is passed as
 * null and makes another shape; a list becomes as many placeholders as it has items, and
 * another length makes another shape. What else the SQL text depends on (a limit) comes in
 * `fixed`, which `build` receives as it is; each distinct `fixed` is one more shape, so it
 * takes a few values only.
 */
export function prepared<V extends Values, O, F extends Values = Record<never, never>>(
  build: (db: Kysely<Schema>, values: V, fixed: F) => Compilable<O>,
) {
  const compiledFor = new WeakMap<Kysely<Schema>, Map<string, CompiledQuery<O>>>();
  return async function run(db: Kysely<Schema>, values: V, fixed?: F): Promise<O[]> {
    let compiled = compiledFor.get(db);
    if (!compiled) compiledFor.set(db, (compiled = new Map()));
    const key = shapeOf(values, fixed);
    let query = compiled.get(key);
    if (!query) compiled.set(key, (query = build(db, placeholdersFor(values), fixed ?? ({} as F)).compile()));
    const result = await db.executeQuery<O>({ ...query, parameters: bind(query.parameters, values) });
    return result.rows;
  };
}
