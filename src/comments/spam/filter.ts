/**
 * All layers together: bot signals, block lists and content rules, then the classifier.
 * Used for every new comment and by `herald spam score`, so both judge the same way.
 */
import type { CommentSettings } from '../comments.settings.js';
import { contentRules, type Finding, type RuleInput } from './rules.js';

export type Verdict = 'publish' | 'hold' | 'spam';

export interface Judgement {
  score: number;
  verdict: Verdict;
  reasons: string[];
}

/** What the HTTP layer saw of the submission itself (not its text). */
export interface BotSignals {
  honeypot?: boolean;
  tooFast?: number | null;
  replayed?: boolean;
  blocked?: string[];
}

/**
 * Combines independent pieces of evidence the way a "noisy OR" does: the comment is ham only if
 * every piece fails to make it spam, so score = 1 − (1 − p) · Π(1 − wᵢ). A rule of weight 1
 * (a blocked word, a honeypot) settles it alone; weak rules only push an unsure comment over.
 */
export function combine(probability: number, findings: readonly Finding[]): number {
  return 1 - findings.reduce((ham, f) => ham * (1 - f.weight), 1 - probability);
}

export function botFindings(signals: BotSignals): Finding[] {
  const findings: Finding[] = [];
  if (signals.honeypot) findings.push({ reason: 'hidden field filled in (a bot)', weight: 1 });
  if (signals.tooFast != null) findings.push({ reason: `sent ${signals.tooFast.toFixed(1)} s after the page loaded`, weight: 1 });
  if (signals.replayed) findings.push({ reason: 'form token used before', weight: 1 });
  for (const what of signals.blocked ?? []) findings.push({ reason: `blocked ${what}`, weight: 1 });
  return findings;
}

export function judge(
  probability: number,
  rules: Omit<RuleInput, 'maxLinks'>,
  signals: BotSignals,
  settings: Pick<CommentSettings, 'holdThreshold' | 'spamThreshold' | 'maxLinks'>,
): Judgement {
  const findings = [...botFindings(signals), ...contentRules({ ...rules, maxLinks: settings.maxLinks })];
  const score = combine(probability, findings);
  const verdict: Verdict = score >= settings.spamThreshold ? 'spam' : score >= settings.holdThreshold ? 'hold' : 'publish';
  return { score, verdict, reasons: [...findings.map((f) => f.reason), `classifier ${probability.toFixed(2)}`] };
}
