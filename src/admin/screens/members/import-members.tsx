import { useState } from 'preact/hooks';
import { api, query } from '../../api.js';
import { FormError } from '../../components/form.js';
import { useAction } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { useSession } from '../../session.js';
import { languageNameIn } from '../../../content/languages.js';
import type { Newsletter } from '../newsletters/newsletter-types.js';
import { FORMATS, type ImportReport } from './member-types.js';
import { NewsletterChoice } from './newsletter-choice.js';

function Report({ report }: { report: ImportReport }) {
  const t = useText();
  const words = t.members;
  const counts = [t.plural(report.created, words.reportCreated), t.plural(report.updated, words.reportUpdated), t.plural(report.unchanged, words.reportUnchanged)];
  return (
    <div role="status" class="import-report">
      <p>{t.format(words.reportSummary, { format: words[`format_${report.format}`], list: new Intl.ListFormat(t.lang, { type: 'unit', style: 'short' }).format(counts) })}</p>
      {report.skipped.length > 0 && (
        <>
          <p>{t.plural(report.skipped.length, words.reportSkipped)}</p>
          <ul>
            {report.skipped.map((skip) => (
              <li key={skip.line}>{t.format(words.skippedLine, { line: skip.line, reason: skip.reason })}</li>
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

/** A member list from Ghost, Mailchimp, Substack or Herald, with the report of what was imported and which lines were not. */
export function ImportMembers({ newsletters, onImported }: { newsletters: Newsletter[]; onImported(): void }) {
  const t = useText();
  const words = t.members;
  const { site } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('');
  const [chosen, setChosen] = useState<number[]>([]);
  const [language, setLanguage] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const { error, submit } = useAction();

  const upload = submit(async () => {
    if (!file) return;
    setBusy(true);
    setReport(null);
    try {
      const path = `/members/import${query({ format, newsletters: chosen.join(','), language })}`;
      setReport(await api.post<ImportReport>(path, new Blob([await file.text()], { type: 'text/csv' })));
      onImported();
    } finally {
      setBusy(false);
    }
  });

  return (
    <form class="card" aria-label={words.importHeading} onSubmit={upload}>
      <h2>{words.importHeading}</h2>
      <p class="muted">{words.importHint}</p>
      <FormError error={error} />
      <div class="field">
        <label for="member-file">{words.file}</label>
        <input id="member-file" type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      </div>
      <div class="field">
        <label for="member-format">{words.format}</label>
        <select id="member-format" value={format} onChange={(e) => setFormat(e.currentTarget.value)}>
          <option value="">{words.format_auto}</option>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {words[`format_${f}`]}
            </option>
          ))}
        </select>
      </div>
      {newsletters.length > 0 && <NewsletterChoice legend={words.importInto} hint={words.importIntoHint} newsletters={newsletters} chosen={chosen} onChange={setChosen} />}
      <div class="field">
        <label for="member-language">{words.importLanguage}</label>
        <select id="member-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
          <option value="">{words.importLanguageDefault}</option>
          {site.languages.map((l) => (
            <option key={l} value={l}>
              {languageNameIn(l, t.lang)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="primary" disabled={busy}>
        {busy ? words.importing : words.importButton}
      </button>
      {report && <Report report={report} />}
    </form>
  );
}
