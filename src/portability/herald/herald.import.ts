/**
 * `herald import herald FILE.json`: restores an export into an empty site, in one
 * transaction — the site ends as the export describes it, or unchanged. Ids are kept, so
 * links between rows (and an export made again) stay the same.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Schema } from '../../db/schema.js';
import { AppError, invalid } from '../../core/errors.js';
import { reindexAll } from '../../search/search.service.js';
import { ImportReport } from '../import.report.js';
import { assertReadableFile } from '../import.file.js';
import { jsonErrorLocation } from '../json-errors.js';
import { existingTables } from './herald.export.js';
import { EXPORT_FORMAT, EXPORT_VERSION, EXPORTED_TABLES } from './herald.tables.js';
import { refreshPlannerStatistics } from '../../db/statistics.js';

type Row = Record<string, unknown>;

interface HeraldExport {
  format: string;
  version: number;
  tables: Record<string, Row[]>;
}

function parseExport(text: string, name: string): HeraldExport {
  const refuse = (message: string) => invalid([{ field: 'file', message: `${name} is refused, nothing was imported — ${message}` }]);
  let json: HeraldExport;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw refuse(`not valid JSON: ${jsonErrorLocation(text) ?? (error as Error).message}`);
  }
  if (json?.format !== EXPORT_FORMAT) throw refuse('this is not a Herald export (no "format": "herald-export")');
  if (json.version !== EXPORT_VERSION) throw refuse(`export version ${json.version} is not supported (expected ${EXPORT_VERSION})`);
  if (!json.tables || typeof json.tables !== 'object') throw refuse('it has no "tables"');
  return json;
}

/** What makes a site not empty: content or people a restore would collide with. */
async function assertEmpty(db: Kysely<Schema>): Promise<void> {
  for (const table of ['articles', 'users', 'sections', 'tags'] as const) {
    const row = await db.selectFrom(table).select('id').limit(1).executeTakeFirst();
    if (row) throw new AppError('CONFLICT', `The site is not empty (it has ${table}); restore an export only into a new site.`);
  }
}

export async function importHerald(database: Database, file: string): Promise<ImportReport> {
  await assertReadableFile(file);
  const data = parseExport(await readFile(file, 'utf8'), basename(file));
  const report = new ImportReport();
  await assertEmpty(database.db);
  const present = await existingTables(database.db);
  await database.db.transaction().execute(async (trx) => {
    const any = trx as unknown as Kysely<any>;
    await any.deleteFrom('settings').execute();
    for (const table of EXPORTED_TABLES) {
      const rows = data.tables[table.name];
      if (!rows?.length) continue;
      if (!present.has(table.name)) {
        report.skip(`${table.name}: this Herald has no such table`, rows.length);
        continue;
      }
      const self = table.selfReference;
      for (let i = 0; i < rows.length; i += 100) {
        const chunk = rows.slice(i, i + 100).map((row) => (self ? { ...row, [self]: null } : row));
        await any.insertInto(table.name).values(chunk).execute();
      }
      if (self) {
        for (const row of rows.filter((r) => r[self] !== null && r[self] !== undefined)) {
          await any.updateTable(table.name).set({ [self]: row[self] }).where('id', '=', row.id).execute();
        }
      }
      if (table.serial && database.capabilities.engine === 'postgres') {
        await sql`select setval(pg_get_serial_sequence(${table.name}, 'id'), (select max(id) from ${sql.table(table.name)}))`.execute(trx);
      }
      report.created(table.name, rows.length);
    }
    // The search index is derived from the stories, so it is rebuilt rather than exported.
    await reindexAll(trx);
  });
  await refreshPlannerStatistics(database.db);
  // Rows restored as they are, with their ids, so no service announced them: the whole site
  // changed, settings included, which drops every cached page in every process.
  await database.hooks.committed([{ entity: 'settings', id: 0, action: 'updated' }]);
  return report;
}
