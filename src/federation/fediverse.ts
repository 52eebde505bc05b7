/**
 * The fediverse part of one app: the Fedify federation and the context its handlers get.
 * buildApp makes it (routes and the outbox hook); startServer runs its workers (the inbox
 * queue and the delivery worker), which the CLI and tests' in-process apps do without.
 */
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { SiteSettings } from '../settings/settings.service.js';
import type { FederationData } from './context.js';
import { createHeraldFederation, type HeraldFederation } from './federation.js';

export interface Fediverse {
  federation: HeraldFederation;
  data: FederationData;
  /** What wakes the delivery worker (set by startServer; nothing before). */
  onQueued(wake: () => void): void;
}

export function createFediverse(options: { database: Database; config: Config; settings: () => Promise<SiteSettings>; iconPath: string }): Fediverse {
  const { database, config } = options;
  const policy = { outboundAllow: config.outboundAllow, allowPrivateAddress: config.federation.allowPrivateAddress };
  let wake = () => {};
  const data: FederationData = { database, settings: options.settings, policy, iconPath: options.iconPath, queued: () => wake() };
  return {
    federation: createHeraldFederation({ db: database.db, policy, queuePollMs: config.federation.pollMs }),
    data,
    onQueued(next) {
      wake = next;
    },
  };
}
