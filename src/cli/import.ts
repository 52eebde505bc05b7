import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { ImportOptions, ImportProgress, ImportReport } from '../portability/import.report.js';
import { importWordpress } from '../portability/wordpress/wordpress.import.js';
import { importGhost } from '../portability/ghost/ghost.import.js';
import { importHerald } from '../portability/herald/herald.import.js';
import { getSettings } from '../settings/settings.service.js';
import { withDatabase } from './context.js';

type Importer = (database: Database, file: string, options: ImportOptions) => Promise<ImportReport>;

/** A progress bar on standard error (only on a terminal), counts and ETA included. */
async function progressBar() {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: 'importing [{bar}] {percentage}% | {value}/{total} items | {imported} stories, {skipped} skipped | ETA {eta_formatted}', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p: ImportProgress) {
      if (!started) bar.start(p.total, 0, { imported: 0, skipped: 0 });
      started = true;
      bar.setTotal(p.total);
      bar.update(p.done, { imported: p.imported, skipped: p.skipped });
    },
    stop: () => started && bar.stop(),
  };
}

/**
 * A long import makes garbage (sanitizing, language detection, query objects) faster than V8
 * collects it unprompted, and the heap grows to several times what is alive (about 60 MB).
 * Collecting every 250 items keeps a 10,000-post import within its memory budget.
 */
function collector(): (p: ImportProgress) => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  let last = 0;
  let phase = '';
  return ({ done, phase: now }) => {
    if (now !== phase) [phase, last] = [now, 0];
    if (gc && done - last >= 250) {
      last = done;
      gc();
    }
  };
}

async function run(importer: Importer, file: string, flags: { downloadMedia?: boolean; siteUrl?: string } = {}) {
  await withDatabase(async (database: Database, config: Config) => {
    const baseUrl = config.baseUrl ?? (await getSettings(database.db)).baseUrl;
    const bar = await progressBar();
    const collect = collector();
    const started = Date.now();
    if (process.stderr.isTTY) process.stderr.write(`Checking ${file} before importing anything…\n`);
    try {
      const onProgress = (p: ImportProgress) => {
        if (p.phase === 'importing') bar.update(p);
        collect(p);
      };
      const options: ImportOptions = {
        baseUrl,
        onProgress,
        ...(flags.downloadMedia ? { downloadMediaTo: config } : {}),
        ...(flags.siteUrl !== undefined ? { siteUrl: flags.siteUrl } : {}),
      };
      const report = await importer(database, resolve(file), options);
      bar.stop();
      console.log(report.lines().join('\n'));
      console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    } finally {
      bar.stop();
    }
  });
}

export function registerImportCommands(program: Command): void {
  const command = program.command('import').description('bring content in from another platform or a Herald export');
  command
    .command('wordpress <file>')
    .description('import a WordPress export (WXR .xml): posts, pages, authors, categories, tags, attachments, comments, old URLs')
    .option('--download-media', 'download featured images into the media library instead of linking to the old site', false)
    .action((file: string, flags: { downloadMedia: boolean }) => run(importWordpress, file, flags));
  command
    .command('ghost <file>')
    .description("import a Ghost export (.json): posts, pages, tags, authors, meta, embeds, old URLs")
    .option('--site-url <url>', "the old Ghost site's address (https://old.example): its pictures and files, which the export names relative to it, stay reachable there")
    .option('--download-media', "download the old site's pictures (featured images and those in stories) into the media library instead of linking to it", false)
    .action((file: string, flags: { downloadMedia: boolean; siteUrl?: string }) => run(importGhost, file, flags));
  command
    .command('herald <file>')
    .description('restore a Herald export (.json) into an empty site')
    .action((file: string) => run((database, path) => importHerald(database, path), file));
}
