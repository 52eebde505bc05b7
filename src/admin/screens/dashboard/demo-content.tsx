import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { useAction, useApi } from '../../hooks.js';
import type { DemoSummary } from '../../types.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What goes, line by line, as the administrator reads it before confirming and after. */
function Counts({ summary }: { summary: DemoSummary }) {
  const lines = [
    summary.stories && `${plural(summary.stories, 'story', 'stories')} (${plural(summary.versions, 'language version', 'language versions')})`,
    summary.sections && plural(summary.sections, 'section', 'sections'),
    summary.tags && plural(summary.tags, 'tag', 'tags'),
    summary.pictures && plural(summary.pictures, 'picture', 'pictures'),
    summary.people && plural(summary.people, 'demo staff member', 'demo staff members'),
  ].filter(Boolean);
  return (
    <ul>
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

const KIND_LABELS: Record<DemoSummary['kept'][number]['kind'], string> = {
  article: 'Story',
  section: 'Section',
  tag: 'Tag',
  media: 'Picture',
  user: 'Person',
};

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

  if (removed) {
    return (
      <section class="card demo" aria-label="Demo content">
        <p role="status">
          The demo content is removed: {plural(removed.stories, 'story', 'stories')}, {plural(removed.people, 'person', 'people')} and what only
          they used.{removed.kept.length > 0 && ` ${plural(removed.kept.length, 'demo item stays', 'demo items stay')} because someone changed or uses it.`}
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
    <section class="card demo" aria-label="Demo content">
      <p>
        This site still shows the demo newsroom: {plural(summary.stories, 'story', 'stories')} by {plural(summary.people, 'demo writer', 'demo writers')}. Remove
        it when you are ready to publish your own.
      </p>
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        Remove demo content
      </button>
      {asking && (
        <ConfirmDialog title="Remove the demo content?" confirmLabel="Remove demo content" onConfirm={confirm} onCancel={() => setAsking(false)} busy={busy} error={error}>
          <p>This removes, for good:</p>
          <Counts summary={summary} />
          {summary.kept.length > 0 && (
            <>
              <p>These stay, because someone changed or uses them:</p>
              <ul class="kept">
                {summary.kept.map((k) => (
                  <li key={`${k.kind}:${k.id}`}>
                    {KIND_LABELS[k.kind]} <bdi>{k.name}</bdi> <span class="muted">— {k.reason}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p class="muted">Nothing else changes: your own stories, people, settings and pictures stay as they are.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
