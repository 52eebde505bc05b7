import { useText, type AdminText } from '../i18n/index.js';
import type { LanguageState, LanguageStatus } from '../types.js';

const CLASS: Record<LanguageState, string> = { original: 'ok', current: 'ok', 'in-progress': 'progress', outdated: 'warn', missing: 'missing' };

/** A state in words ("outdated"), in the admin's language `t` (English where a caller has not passed it yet). */
export function stateLabel(state: LanguageState, t: AdminText): string {
  return t.translations[`state_${state}`];
}

/** Why a translation is in its state, in a sentence: the versions it was judged by. */
export function stateReason(status: LanguageStatus, t: AdminText): string {
  const words = t.translations;
  const source = status.source;
  const values = { language: source?.language ?? '', translated: source?.translatedVersion ?? '', changed: source?.wordsVersion ?? '' };
  const reason = status.state === 'outdated' && !source?.translatedVersion ? words.reason_outdatedUnrecorded : words[`reason_${status.state}`];
  return t.format(reason, values);
}

/** A language and its state, e.g. "fr outdated", with the reason on hover and for screen readers. */
export function StateBadge({ status, withLanguage = true }: { status: LanguageStatus; withLanguage?: boolean }) {
  const t = useText();
  return (
    <span class={`badge ${CLASS[status.state]}`} data-state={status.state} title={stateReason(status, t)}>
      {withLanguage && `${status.language} `}
      {stateLabel(status.state, t)}
    </span>
  );
}
