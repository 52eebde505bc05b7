import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { FormError } from '../../components/form.js';
import { useAction } from '../../hooks.js';

/** What an import did (src/portability/import.report.ts): counts by kind, skips by reason, notes. */
interface ImportReport {
  created: Record<string, number>;
  skipped: Record<string, number>;
  notes: string[];
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
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const { error, submit } = useAction();

  const upload = submit(async () => {
    if (!file) return;
    setReport(null);
    setBusy(true);
    try {
      setReport(await api.post<ImportReport>('/imports/wordpress', new Blob([file], { type: 'application/xml' })));
    } finally {
      setBusy(false);
    }
  });

  return (
    <section>
      <h1>Import</h1>
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
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
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
