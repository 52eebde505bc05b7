import type { Database } from '../db/database.js';
import type { SiteSettings } from '../settings/settings.service.js';
import type { TransportPolicy } from './transport.js';

/** What Fedify hands to every dispatcher and inbox listener (its "context data"). */
export interface FederationData {
  database: Database;
  /** The current site settings (the configured base URL first). */
  settings(): Promise<SiteSettings>;
  policy: TransportPolicy;
  /** The actors' picture, absolute: the site's raster logo. */
  iconPath: string;
  /** Wakes the delivery worker when something was queued (an Accept). */
  queued(): void;
}
