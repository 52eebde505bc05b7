import type { LanguageState, LanguageStatus } from '../types.js';

const LABEL: Record<LanguageState, string> = {
  original: 'original',
  current: 'up to date',
  'in-progress': 'in progress',
  outdated: 'outdated',
  missing: 'missing',
};
const CLASS: Record<LanguageState, string> = { original: 'ok', current: 'ok', 'in-progress': 'progress', outdated: 'warn', missing: 'missing' };

export function stateLabel(state: LanguageState): string {
  return LABEL[state];
}

/** Why a translation is in its state, in a sentence: the versions it was judged by. */
export function stateReason(status: LanguageStatus): string {
  const source = status.source;
  switch (status.state) {
    case 'original':
      return 'The story was first written in this language.';
    case 'missing':
      return 'No version in this language yet.';
    case 'in-progress':
      return `Made by "Translate" from the ${source?.language} version and not yet edited or published.`;
    case 'outdated':
      return source?.translatedVersion
        ? `Follows version ${source.translatedVersion} of the ${source.language} version, whose words changed in version ${source.wordsVersion}.`
        : `Nobody recorded which version of the ${source?.language} version it follows.`;
    case 'current':
      return `Follows the ${source?.language} version as its words are now (version ${source?.translatedVersion}).`;
  }
}

/** A language and its state, e.g. "fr outdated", with the reason on hover and for screen readers. */
export function StateBadge({ status, withLanguage = true }: { status: LanguageStatus; withLanguage?: boolean }) {
  return (
    <span class={`badge ${CLASS[status.state]}`} data-state={status.state} title={stateReason(status)}>
      {withLanguage && `${status.language} `}
      {LABEL[status.state]}
    </span>
  );
}
