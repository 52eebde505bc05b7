import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('the demo content on an empty site', () => {
  it('loads by default only for the embedded quick start', () => {
    expect(loadConfig({}).demoOnEmpty).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://herald@127.0.0.1:5432/herald' }).demoOnEmpty).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).demoOnEmpty).toBe(false);
  });

  it('loads on PostgreSQL or in production when asked, and never when refused', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://herald@127.0.0.1:5432/herald', HERALD_DEMO: 'on' }).demoOnEmpty).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', HERALD_DEMO: 'on' }).demoOnEmpty).toBe(true);
    expect(loadConfig({ HERALD_DEMO: 'off' }).demoOnEmpty).toBe(false);
    expect(() => loadConfig({ HERALD_DEMO: 'maybe' })).toThrow(ConfigError);
  });
});
