import { useState } from 'preact/hooks';
import { postWithProgress } from '../../api.js';
import { FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { useAction } from '../../hooks.js';

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

function Progress({ progress }: { progress: ImportProgress | null }) {
  if (!progress || progress.phase === 'checking') {
    return (
      <div class="import-progress" role="status">
        <progress aria-label="Checking the file" />
        <p>Checking the whole file before anything is written{progress ? ` (${progress.done} items read)` : ''}…</p>
      </div>
    );
  }
  return (
    <div class="import-progress" role="status">
      <progress aria-label="Importing" max={progress.total || 1} value={progress.done} />
      <p>
        {progress.done} of {progress.total} items · {progress.imported} stories imported · {progress.skipped} skipped
      </p>
    </div>
  );
}

function Report({ report }: { report: ImportReport }) {
  const created = Object.entries(report.created).map(([what, n]) => `${n} ${what}`);
  const skipped = Object.entries(report.skipped);
  return (
    <div role="status" class="card">
      <p>Imported: {created.length ? created.join(', ') : 'nothing new'}.</p>
      {skipped.length > 0 && (
        <>
          <p>Skipped:</p>
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
      if ('report' in last) setReport(last.report);
    } finally {
      setBusy(false);
    }
  });

  return (
    <section>
      <PageHeader title="Import" description="Bring an existing site's stories, people, comments and pictures into Herald." />
      <h2>From WordPress</h2>
      <p>
        In WordPress, <em>Tools → Export → All content</em> gives an XML file. Stories, pages, sections, tags, authors, comments and images
        come over; addresses of the old site redirect to the new ones. Importing the same file again adds only what is new.
      </p>
      <form class="card" onSubmit={upload}>
        <div class="field">
          <label for="import-file">WordPress export (.xml)</label>
          <input id="import-file" type="file" accept=".xml,application/xml,text/xml" required onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </div>
        <div class="field">
          <label>
            <input type="checkbox" checked={downloadMedia} onChange={(e) => setDownloadMedia(e.currentTarget.checked)} /> Copy the pictures into the media library
          </label>
          <small>Pictures the old site served (featured pictures and pictures in the text) are downloaded and shown from here, so they stay when the old site goes. Unchecked, they keep pointing at the old site.</small>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
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
