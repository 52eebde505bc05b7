import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { backupDatabase } from '../portability/backup.service.js';
import { exportSite } from '../portability/herald/herald.export.js';
import { withDatabase } from './context.js';

export function registerExportCommands(program: Command): void {
  program
    .command('export <file>')
    .description('write the whole site to a JSON file (settings, users without passwords, stories with every version and revision, tags, sections, media metadata, comments)')
    .action(async (file: string) => {
      await withDatabase(async ({ db }) => {
        const { counts } = await exportSite(db, resolve(file));
        const summary = Object.entries(counts).filter(([, n]) => n > 0).map(([table, n]) => `${n} ${table}`).join(', ');
        console.log(`Exported to ${resolve(file)}: ${summary}.`);
      });
    });

  program
    .command('backup [file]')
    .description('copy the live SQLite database consistently (online backup API), or print the pg_dump command for PostgreSQL')
    .action(async (file?: string) => {
      const result = await backupDatabase(loadConfig(), file ? resolve(file) : undefined);
      if (result.kind === 'sqlite') console.log(`Backed up ${result.totalPages} pages to ${result.file}`);
      else {
        console.log('This site runs on PostgreSQL: back it up with pg_dump, from a machine that has the PostgreSQL client tools:');
        console.log(`  ${result.command}`);
        console.log('Restore with: pg_restore --clean --no-owner --dbname "$DATABASE_URL" FILE');
      }
    });
}
