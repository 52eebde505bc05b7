import type { AnalyticsStrings } from './analytics.strings.js';
import { COUNTRIES_KNOWN } from './reader-signals.js';

type Fact = keyof Pick<AnalyticsStrings, 'factPage' | 'factReferrer' | 'factCampaign' | 'factDevice' | 'factCountry' | 'factRead'>;

/**
 * What the privacy page says is counted, from what the counting does: nothing when analytics
 * are off, and the country only when this server can tell it (it cannot without a GeoIP database).
 */
export function countedFacts(analytics: boolean): Fact[] | null {
  if (!analytics) return null;
  return ['factPage', 'factReferrer', 'factCampaign', 'factDevice', ...(COUNTRIES_KNOWN ? (['factCountry'] as const) : []), 'factRead'];
}
