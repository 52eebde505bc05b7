/**
 * `herald export FILE.json`: the whole site as one JSON document — settings, users (without
 * password hashes), sections, tags, media metadata, stories with every language version and
 * every revision, comments, redirects and followed feeds. Rows are written as the database
 * holds them, so the file restores identically, on either engine (`herald import herald`).
 * Written row by row to a stream: a large site is never held in memory whole.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { nowIso } from '../../db/time.js';
import { EXPORT_FORMAT, EXPORT_VERSION, EXPORTED_TABLES, type ExportedTable } from './herald.tables.js';

type Row = Record<string, unknown>;
const PAGE = 1000;

export async function existingTables(db: Kysely<Schema>): Promise<Set<string>> {
  return new Set((await db.introspection.getTables()).map((t) => t.name));
}

/** Byte-wise order, the same on both engines (PostgreSQL's collation would differ from SQLite's). */
function compareRows(columns: string[]) {
  return (a: Row, b: Row) => {
    for (const column of columns) {
      const x = a[column] as string | number;
      const y = b[column] as string | number;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

/** The rows of one table in a stable order, page by page. */
export async function* tableRows(db: Kysely<Schema>, table: ExportedTable): AsyncGenerator<Row> {
  const any = db as unknown as Kysely<any>;
  const clean = (row: Row) => {
    for (const column of table.omit ?? []) delete row[column];
    return row;
  };
  if (table.orderBy.length === 1 && table.orderBy[0] === 'id') {
    let after = 0;
    for (;;) {
      const rows: Row[] = await any.selectFrom(table.name).selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute();
      for (const row of rows) yield clean(row);
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.id as number;
    }
  }
  const rows: Row[] = await any.selectFrom(table.name).selectAll().execute();
  rows.sort(compareRows(table.orderBy));
  for (const row of rows) yield clean(row);
}

export interface ExportSummary {
  file: string;
  counts: Record<string, number>;
}

export async function exportSite(db: Kysely<Schema>, file: string, exportedAt = nowIso()): Promise<ExportSummary> {
  const present = await existingTables(db);
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const counts: Record<string, number> = {};
  await write(`{\n"format": ${JSON.stringify(EXPORT_FORMAT)},\n"version": ${EXPORT_VERSION},\n"exportedAt": ${JSON.stringify(exportedAt)},\n"tables": {`);
  let firstTable = true;
  for (const table of EXPORTED_TABLES) {
    if (!present.has(table.name)) continue;
    await write(`${firstTable ? '' : ','}\n${JSON.stringify(table.name)}: [`);
    firstTable = false;
    let n = 0;
    for await (const row of tableRows(db, table)) {
      await write(`${n === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
      n++;
    }
    await write(n ? '\n]' : ']');
    counts[table.name] = n;
  }
  await write('\n}\n}\n');
  out.end();
  await once(out, 'finish');
  return { file, counts };
}
