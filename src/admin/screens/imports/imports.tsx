import { useState } from 'preact/hooks';
import { ApiError, postWithProgress } from '../../api.js';
import { FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { useAction } from '../../hooks.js';
import { useText, type AdminWords } from '../../i18n/index.js';
import { fill } from '../../i18n/fill.js';
import type { PluralForms } from '../../../core/interface-text.js';

/** What an import did (src/portability/import.report.ts): counts by kind, skips by reason, notes. */
interface ImportReport {
  created: Record<string, number>;
  skipped: Record<string, number>;
  notes: string[];
}

/** Where an import stands (ImportProgress in src/portability/import.report.ts). */
interface ImportProgress {
  phase: 'checking' | 'importing';
  done: number;
  total: number;
  imported: number;
  skipped: number;
}

type ImportLine = { progress: ImportProgress } | { report: ImportReport };

/** The words of the kinds the WordPress import counts, by the names the server gives them. */
const createdKinds = (w: AdminWords['imports']): Partial<Record<string, PluralForms>> => ({
  articles: w.createdArticles,
  users: w.createdUsers,
  sections: w.createdSections,
  tags: w.createdTags,
  comments: w.createdComments,
  attachments: w.createdAttachments,
  'images downloaded': w.createdImages,
  'podcast episodes (audio enclosures)': w.createdEpisodes,
  redirects: w.createdRedirects,
});

function Progress({ progress }: { progress: ImportProgress | null }) {
  const t = useText();
  if (!progress || progress.phase === 'checking') {
    return (
      <div class="import-progress" role="status">
        <progress aria-label={t.imports.checkingLabel} />
        <p>{progress ? t.plural(progress.done, t.imports.checkingRead) : t.imports.checking}</p>
      </div>
    );
  }
  return (
    <div class="import-progress" role="status">
      <progress aria-label={t.imports.importingLabel} max={progress.total || 1} value={progress.done} />
      <p>
        {[
          t.plural(progress.total, t.imports.progressItems, { done: progress.done }),
          t.plural(progress.imported, t.imports.progressImported),
          t.plural(progress.skipped, t.imports.progressSkipped),
        ].join(' · ')}
      </p>
    </div>
  );
}

function Report({ report }: { report: ImportReport }) {
  const t = useText();
  const kinds = createdKinds(t.imports);
  const created = Object.entries(report.created).map(([kind, n]) => {
    const forms = kinds[kind];
    return forms ? t.plural(n, forms) : t.format(t.imports.createdOther, { n, kind });
  });
  const skipped = Object.entries(report.skipped);
  return (
    <div role="status" class="card">
      <p>{t.format(t.imports.imported, { list: created.length ? new Intl.ListFormat(t.lang, { type: 'unit', style: 'short' }).format(created) : t.imports.nothingNew })}</p>
      {skipped.length > 0 && (
        <>
          <p>{t.imports.skipped}</p>
          <ul>
            {skipped.map(([reason, n]) => (
              <li key={reason}>
                {n} × {reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.notes.length > 0 && (
        <ul>
          {report.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Moving in from WordPress: a WXR export (Tools → Export) uploaded and imported with the
 * guarantees of `herald import wordpress` — checked whole before anything is written, and
 * nothing imported twice. Administrators only; larger exports go through the command line.
 */
export function Imports() {
  const t = useText();
  const [file, setFile] = useState<File | null>(null);
  const [downloadMedia, setDownloadMedia] = useState(true);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const { error, submit } = useAction();

  const upload = submit(async () => {
    if (!file) return;
    setReport(null);
    setProgress(null);
    setBusy(true);
    try {
      const last = await postWithProgress<ImportLine>(
        `/imports/wordpress?downloadMedia=${downloadMedia}`,
        new Blob([file], { type: 'application/xml' }),
        (line) => 'progress' in line && setProgress(line.progress),
      );
      // An answer cut off before its report (the server stopped mid-import) says so, not nothing.
      if (!last || !('report' in last)) throw new ApiError(502, 'ERROR', t.imports.cutShort);
      setReport(last.report);
    } finally {
      setBusy(false);
    }
  });

  return (
    <section>
      <PageHeader title={t.nav.import} description={t.imports.description} />
      <h2>{t.imports.fromWordPress}</h2>
      <p>{fill(t.imports.intro, { menu: <em>{t.imports.exportMenu}</em> })}</p>
      <form class="card" onSubmit={upload}>
        <div class="field">
          <label for="import-file">{t.imports.file}</label>
          <input id="import-file" type="file" accept=".xml,application/xml,text/xml" required onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </div>
        <div class="field">
          <label>
            <input type="checkbox" checked={downloadMedia} onChange={(e) => setDownloadMedia(e.currentTarget.checked)} /> {t.imports.copyPictures}
          </label>
          <small>{t.imports.copyPicturesHint}</small>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.imports.busy : t.imports.start}
        </button>
      </form>
      {busy && <Progress progress={progress} />}
      <FormError error={error} />
      {error?.fields.map((f) => (
        <p key={f.field} class="fault">
          {f.message}
        </p>
      ))}
      {report && <Report report={report} />}
    </section>
  );
}
