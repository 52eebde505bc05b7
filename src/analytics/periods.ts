/** The periods the Stats screen offers and `GET /stats?period=` reads (no imports: the admin bundles it). */
export const PERIODS = ['realtime', 'today', '7d', '30d', '365d'] as const;
export type PeriodName = (typeof PERIODS)[number];
