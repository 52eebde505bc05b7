import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { useAction, useApi } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import type { DemoSummary } from '../../types.js';

/** What goes, line by line, as the administrator reads it before confirming and after. */
function Counts({ summary }: { summary: DemoSummary }) {
  const t = useText();
  const words = t.dashboard;
  const lines = [
    summary.stories && t.plural(summary.stories, words.storiesInVersions, { versions: t.plural(summary.versions, words.languageVersions) }),
    summary.sections && t.plural(summary.sections, words.sections),
    summary.tags && t.plural(summary.tags, words.tags),
    summary.pictures && t.plural(summary.pictures, words.pictures),
    summary.people && t.plural(summary.people, words.demoStaff),
  ].filter(Boolean);
  return (
    <ul>
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

const anything = (s: DemoSummary) => s.stories + s.sections + s.tags + s.pictures + s.people > 0;

/**
 * The demo's stories, sections, tags, pictures and staff, removable in one click and a
 * confirmation while any is left (administrators). The dialog says what goes and what stays.
 */
export function DemoContent() {
  const preview = useApi<DemoSummary>('/demo-content');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [removed, setRemoved] = useState<DemoSummary | null>(null);
  const { error, run } = useAction();
  const t = useText();
  const words = t.dashboard;

  if (removed) {
    return (
      <section class="card demo" aria-label={words.demoContent}>
        <p role="status">
          {t.format(words.removed, { stories: t.plural(removed.stories, words.stories), people: t.plural(removed.people, words.people) })}
          {removed.kept.length > 0 && ` ${t.plural(removed.kept.length, words.kept)}`}
        </p>
      </section>
    );
  }
  if (!preview.data || !anything(preview.data)) return null;
  const summary = preview.data;
  const confirm = () =>
    run(async () => {
      setBusy(true);
      try {
        setRemoved(await api.delete<DemoSummary>('/demo-content'));
        setAsking(false);
      } finally {
        setBusy(false);
      }
    });

  return (
    <section class="card demo" aria-label={words.demoContent}>
      <p>{t.format(words.stillDemo, { stories: t.plural(summary.stories, words.stories), writers: t.plural(summary.people, words.demoWriters) })}</p>
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        {words.removeDemo}
      </button>
      {asking && (
        <ConfirmDialog title={words.removeDemoTitle} confirmLabel={words.removeDemo} onConfirm={confirm} onCancel={() => setAsking(false)} busy={busy} error={error}>
          <p>{words.removesForGood}</p>
          <Counts summary={summary} />
          {summary.kept.length > 0 && (
            <>
              <p>{words.theseStay}</p>
              <ul class="kept">
                {summary.kept.map((k) => (
                  <li key={`${k.kind}:${k.id}`}>
                    {words[`kind_${k.kind}`]} <bdi>{k.name}</bdi> <span class="muted">— {k.reason}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p class="muted">{words.nothingElse}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
