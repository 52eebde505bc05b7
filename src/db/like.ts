import { sql, type RawBuilder } from 'kysely';

/**
 * `column` contains `text`, whatever the case, with `%`, `_` and `\` in `text` taken as
 * themselves. ESCAPE is spelled out because SQLite has no default escape character (a
 * backslash would be a literal there) while PostgreSQL's is the backslash; lower() on both
 * sides because SQLite's LIKE ignores case and PostgreSQL's does not.
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`;
}
