import { isIP } from 'node:net';
import { resolve } from 'node:path';

/** Everything the server and the CLI read from the environment, typed and validated once. */
export interface Config {
  port: number;
  host: string;
  /** Where the SQLite file and uploaded media live. */
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; unset means the embedded SQLite database. */
  databaseUrl: string | undefined;
  /** Overrides the base URL stored in the site settings (useful behind a proxy). */
  baseUrl: string | undefined;
  redisUrl: string | undefined;
  logLevel: string;
  /** Largest request body accepted by the APIs, in bytes. */
  bodyLimit: number;
  /**
   * Load the demo content when the database has no article yet (HERALD_DEMO). On by default
   * only for the embedded quick start: on PostgreSQL or with NODE_ENV=production a new site
   * must not publish demo stories to the world unless asked to.
   */
  demoOnEmpty: boolean;
  /** How often the webhook worker looks for due deliveries (HERALD_WEBHOOK_POLL_MS). */
  webhookPollMs: number;
  /** First retry delay of a failed webhook delivery; doubles each time (HERALD_WEBHOOK_RETRY_BASE_MS). */
  webhookRetryBaseMs: number;
  /** Feeds carry each story's full body, or only its excerpt (HERALD_FEED_CONTENT=full|excerpt). */
  feedContent: 'full' | 'excerpt';
  /** Origins allowed to call the Content API from a browser (HERALD_CONTENT_API_ORIGINS, comma-separated, or *). */
  contentApiOrigins: string[];
  /** The page cache (see src/cache/): on unless HERALD_CACHE=off. */
  cache: CacheConfig;
  /** App processes to run with Node's cluster (HERALD_WORKERS); 1 runs in this process. */
  workers: number;
  mail: MailConfig;
  newsletters: NewsletterDeliveryConfig;
  /**
   * Which peers may speak for the client through X-Forwarded-For/-Proto (HERALD_TRUST_PROXY):
   * false (the default) trusts none, a number trusts that many hops, a list trusts those
   * addresses and CIDR ranges. Passed as it is to Fastify's `trustProxy`.
   */
  trustProxy: boolean | number | string[];
  /**
   * Hosts, addresses or CIDR ranges that outbound requests may reach although they are
   * loopback or private (HERALD_OUTBOUND_ALLOW, comma-separated): for deliberate internal
   * services such as a machine-translation server on the same network.
   */
  outboundAllow: string[];
  /** Largest picture, in pixels (width × height), an upload may declare (HERALD_IMAGE_MAX_PIXELS). */
  imageMaxPixels: number;
  federation: FederationConfig;
  /** SQLite's `synchronous` pragma (HERALD_SQLITE_SYNCHRONOUS): `normal`, or `full` to survive power loss. */
  sqliteSynchronous: 'normal' | 'full';
  analytics: AnalyticsConfig;
  live: LiveConnectionsConfig;
}

/** Server-Sent Events connections of live blogs' readers, each process counting its own. */
export interface LiveConnectionsConfig {
  /** Open at once in one process (HERALD_LIVE_MAX_CONNECTIONS); beyond, 503 and the page polls. */
  maxConnections: number;
  /** Open at once from one network (/24, /64) in one process (HERALD_LIVE_MAX_CONNECTIONS_PER_NETWORK); beyond, 429. */
  maxConnectionsPerNetwork: number;
}

/** Reader analytics (src/analytics/); switched on and off in the site settings. */
export interface AnalyticsConfig {
  /** How often each process writes the views it counted (HERALD_ANALYTICS_FLUSH_MS); a crash loses at most this much. */
  flushMs: number;
  /** Beacons one network (/24, /64) may send a minute per process (HERALD_ANALYTICS_RATE_LIMIT). */
  ratePerMinute: number;
}

/** The fediverse's delivery (src/federation/); whether it is on at all is a site setting. */
export interface FederationConfig {
  /**
   * Fetches and deliveries may reach private and loopback addresses
   * (HERALD_FEDERATION_ALLOW_PRIVATE_ADDRESS): for tests of two servers on one machine only.
   */
  allowPrivateAddress: boolean;
  /** First retry delay of a failed delivery; doubles each time (HERALD_FEDERATION_RETRY_BASE_MS). */
  retryBaseMs: number;
  /** How often the delivery worker and the inbox queue look for work (HERALD_FEDERATION_POLL_MS). */
  pollMs: number;
  /** Activities one instance may post to the inboxes a minute (HERALD_FEDERATION_INBOX_RATE_LIMIT). */
  inboxRatePerMinute: number;
}

export interface MailConfig {
  /** `smtp://user:pass@host:587` or `smtps://…` (HERALD_SMTP_URL); unset writes e-mails to the log. */
  smtpUrl: string | undefined;
  /** Sender of invitations, resets and comment notices (HERALD_MAIL_FROM). */
  from: string;
}

export interface CacheConfig {
  enabled: boolean;
  /** Upper bound of the in-memory page cache, in bytes (HERALD_CACHE_SIZE_MB). */
  maxBytes: number;
  /** How long a CDN may keep a page (s-maxage) and serve it stale while refetching. */
  sharedMaxAge: number;
  staleWhileRevalidate: number;
  /** A URL that receives the keys to purge from a CDN after each write (HERALD_PURGE_URL). */
  purgeUrl: string | undefined;
  /** Names the Redis channels, so several sites (or test runs) can share one Redis. */
  redisPrefix: string;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off, got "${env[name]}"`);
}

/** How the newsletter queue is sent (src/newsletters/send.worker.ts). */
export interface NewsletterDeliveryConfig {
  /** Messages per second at most, all connections together (HERALD_NEWSLETTER_RATE). */
  rate: number;
  /** SMTP connections the delivery process keeps open while sending (HERALD_NEWSLETTER_CONNECTIONS). */
  connections: number;
  /** How long a claimed recipient stays with the process that claimed it (HERALD_NEWSLETTER_LEASE_MS). */
  leaseMs: number;
  /** First delay after a temporary failure; doubles each time (HERALD_NEWSLETTER_RETRY_BASE_MS). */
  retryBaseMs: number;
  /** How often the worker looks for due recipients and digests (HERALD_NEWSLETTER_POLL_MS). */
  pollMs: number;
}

function newsletterDeliveryConfig(env: NodeJS.ProcessEnv): NewsletterDeliveryConfig {
  return {
    rate: Math.max(1, integer(env, 'HERALD_NEWSLETTER_RATE', 200)),
    connections: Math.min(20, Math.max(1, integer(env, 'HERALD_NEWSLETTER_CONNECTIONS', 2))),
    leaseMs: Math.max(1000, integer(env, 'HERALD_NEWSLETTER_LEASE_MS', 120_000)),
    retryBaseMs: Math.max(10, integer(env, 'HERALD_NEWSLETTER_RETRY_BASE_MS', 60_000)),
    pollMs: Math.max(10, integer(env, 'HERALD_NEWSLETTER_POLL_MS', 2000)),
  };
}

function mailConfig(env: NodeJS.ProcessEnv): MailConfig {
  const smtpUrl = env.HERALD_SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError(`HERALD_SMTP_URL must start with smtp:// or smtps://, got "${smtpUrl}"`);
  return { smtpUrl, from: env.HERALD_MAIL_FROM || 'Herald <herald@localhost>' };
}

function cacheConfig(env: NodeJS.ProcessEnv): CacheConfig {
  const purgeUrl = env.HERALD_PURGE_URL || undefined;
  if (purgeUrl && !URL.canParse(purgeUrl)) throw new ConfigError(`HERALD_PURGE_URL is not a URL: "${purgeUrl}"`);
  return {
    enabled: flag(env, 'HERALD_CACHE', true),
    maxBytes: integer(env, 'HERALD_CACHE_SIZE_MB', 64) * 1024 * 1024,
    sharedMaxAge: integer(env, 'HERALD_CACHE_S_MAXAGE', 60),
    staleWhileRevalidate: integer(env, 'HERALD_CACHE_STALE_WHILE_REVALIDATE', 60),
    purgeUrl,
    redisPrefix: env.HERALD_REDIS_PREFIX || 'herald',
  };
}

function feedContent(env: NodeJS.ProcessEnv): 'full' | 'excerpt' {
  const raw = env.HERALD_FEED_CONTENT || 'full';
  if (raw !== 'full' && raw !== 'excerpt') throw new ConfigError(`HERALD_FEED_CONTENT must be full or excerpt, got "${raw}"`);
  return raw;
}

function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  const list = (env[name] ?? '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
  for (const origin of list) {
    if (origin !== '*' && !(URL.canParse(origin) && new URL(origin).origin === origin)) {
      throw new ConfigError(`${name} must list origins such as https://app.example.org, got "${origin}"`);
    }
  }
  return list;
}

function trustProxy(env: NodeJS.ProcessEnv): boolean | number | string[] {
  const raw = (env.HERALD_TRUST_PROXY ?? '').trim();
  if (raw === '' || ['off', 'false', 'no', '0'].includes(raw.toLowerCase())) return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of list) {
    if (!isAddressOrRange(entry)) {
      throw new ConfigError(`HERALD_TRUST_PROXY must be off, a hop count, or proxy addresses/CIDR ranges such as 10.0.0.1,192.168.0.0/16, got "${entry}"`);
    }
  }
  return list;
}

function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !address || isIP(address) === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (isIP(address) === 4 ? 32 : 128);
}

function outboundAllow(env: NodeJS.ProcessEnv): string[] {
  const list = (env.HERALD_OUTBOUND_ALLOW ?? '').split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  for (const entry of list) {
    const ok = entry.includes('/')
      ? isAddressOrRange(entry)
      : isIP(entry.replace(/^\[(.*)\]$/, '$1')) !== 0 || /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/.test(entry);
    if (!ok) {
      throw new ConfigError(`HERALD_OUTBOUND_ALLOW must list host names, addresses or CIDR ranges such as translate.internal,10.0.0.0/8, got "${entry}"`);
    }
  }
  return list;
}

function sqliteSynchronous(env: NodeJS.ProcessEnv): 'normal' | 'full' {
  const raw = (env.HERALD_SQLITE_SYNCHRONOUS || 'normal').toLowerCase();
  if (raw !== 'normal' && raw !== 'full') throw new ConfigError(`HERALD_SQLITE_SYNCHRONOUS must be normal or full, got "${env.HERALD_SQLITE_SYNCHRONOUS}"`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres://, got "${databaseUrl}"`);
  }
  const baseUrl = env.HERALD_BASE_URL || undefined;
  if (baseUrl && !URL.canParse(baseUrl)) throw new ConfigError(`HERALD_BASE_URL is not a URL: "${baseUrl}"`);
  return {
    port: integer(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.HERALD_DATA_DIR || 'data'),
    databaseUrl,
    baseUrl: baseUrl?.replace(/\/+$/, ''),
    redisUrl: env.REDIS_URL || undefined,
    logLevel: env.HERALD_LOG_LEVEL || 'info',
    bodyLimit: integer(env, 'HERALD_BODY_LIMIT', 2 * 1024 * 1024),
    demoOnEmpty: flag(env, 'HERALD_DEMO', !databaseUrl && env.NODE_ENV !== 'production'),
    webhookPollMs: Math.max(10, integer(env, 'HERALD_WEBHOOK_POLL_MS', 1000)),
    webhookRetryBaseMs: integer(env, 'HERALD_WEBHOOK_RETRY_BASE_MS', 30_000),
    feedContent: feedContent(env),
    contentApiOrigins: origins(env, 'HERALD_CONTENT_API_ORIGINS'),
    cache: cacheConfig(env),
    workers: Math.max(1, integer(env, 'HERALD_WORKERS', 1)),
    mail: mailConfig(env),
    newsletters: newsletterDeliveryConfig(env),
    trustProxy: trustProxy(env),
    outboundAllow: outboundAllow(env),
    imageMaxPixels: Math.max(1, integer(env, 'HERALD_IMAGE_MAX_PIXELS', 50_000_000)),
    sqliteSynchronous: sqliteSynchronous(env),
    federation: {
      allowPrivateAddress: flag(env, 'HERALD_FEDERATION_ALLOW_PRIVATE_ADDRESS', false),
      retryBaseMs: Math.max(10, integer(env, 'HERALD_FEDERATION_RETRY_BASE_MS', 60_000)),
      pollMs: Math.max(10, integer(env, 'HERALD_FEDERATION_POLL_MS', 1000)),
      inboxRatePerMinute: Math.max(1, integer(env, 'HERALD_FEDERATION_INBOX_RATE_LIMIT', 600)),
    },
    analytics: {
      flushMs: Math.max(50, integer(env, 'HERALD_ANALYTICS_FLUSH_MS', 10_000)),
      ratePerMinute: Math.max(1, integer(env, 'HERALD_ANALYTICS_RATE_LIMIT', 600)),
    },
    live: {
      maxConnections: integer(env, 'HERALD_LIVE_MAX_CONNECTIONS', 10_000),
      maxConnectionsPerNetwork: integer(env, 'HERALD_LIVE_MAX_CONNECTIONS_PER_NETWORK', 200),
    },
  };
}
