import type { AnalyticsStrings } from './analytics.strings.js';

type Fact = keyof Pick<AnalyticsStrings, 'factPage' | 'factReferrer' | 'factCampaign' | 'factDevice' | 'factCountry' | 'factRead'>;

/** What the privacy page says is counted, from what the counting does: nothing when analytics are off. */
export function countedFacts(analytics: boolean): Fact[] | null {
  if (!analytics) return null;
  return ['factPage', 'factReferrer', 'factCampaign', 'factDevice', 'factCountry', 'factRead'];
}
