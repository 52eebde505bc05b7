import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { destinationFault } from '../../core/outbound-http.js';
import { invalid, type FieldError } from '../../core/errors.js';
import { deepl } from './deepl.js';
import { libretranslate } from './libretranslate.js';
import { openaiCompatible } from './openai.js';
import { PROVIDERS, type MachineTranslator, type ProviderConfig, type ProviderName } from './provider.js';

// Kept in the settings table under a key of its own; the key is never sent back in full.
const KEY = 'machineTranslation';

export interface MachineTranslationSettings {
  provider: ProviderName | null;
  baseUrl: string;
  model: string;
  /** Whether a key is stored, and its last four characters: enough to recognise it. */
  apiKeyHint: string | null;
}

type Stored = ProviderConfig | { provider: null };

async function stored(db: Kysely<Schema>): Promise<Stored> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as Stored) : { provider: null };
}

export async function getMachineTranslationSettings(db: Kysely<Schema>): Promise<MachineTranslationSettings> {
  const config = await stored(db);
  if (!config.provider) return { provider: null, baseUrl: '', model: '', apiKeyHint: null };
  return { provider: config.provider, baseUrl: config.baseUrl, model: config.model, apiKeyHint: config.apiKey ? `…${config.apiKey.slice(-4)}` : null };
}

export interface MachineTranslationPatch {
  provider: ProviderName | null;
  baseUrl?: string;
  apiKey?: string;
  model?: string;
}

/**
 * Stores the provider. `outboundAllow` (config.outboundAllow) names the non-public hosts and
 * ranges a provider may be reached at, such as a translation server on the same network.
 */
export async function updateMachineTranslationSettings(db: Kysely<Schema>, patch: MachineTranslationPatch, outboundAllow: readonly string[]): Promise<MachineTranslationSettings> {
  const faults: FieldError[] = [];
  if (patch.provider !== null && !PROVIDERS.includes(patch.provider)) faults.push({ field: 'provider', message: `must be one of ${PROVIDERS.join(', ')} or null` });
  if (patch.baseUrl) {
    const refused = URL.canParse(patch.baseUrl) && /^https?:$/.test(new URL(patch.baseUrl).protocol) ? destinationFault(patch.baseUrl, outboundAllow) : 'must be an http(s) URL';
    if (refused) faults.push({ field: 'baseUrl', message: refused });
  }
  const previous = await stored(db);
  const apiKey = patch.apiKey ?? (previous.provider ? previous.apiKey : '');
  if (patch.provider === 'deepl' && !apiKey) faults.push({ field: 'apiKey', message: 'is required for DeepL' });
  if (faults.length) throw invalid(faults);
  const value: Stored = patch.provider
    ? { provider: patch.provider, baseUrl: patch.baseUrl ?? '', apiKey, model: patch.model ?? '' }
    : { provider: null };
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key: KEY, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
  return getMachineTranslationSettings(db);
}

/** The configured translator, or null when none is configured (the editor then offers none). */
export async function configuredTranslator(db: Kysely<Schema>, outboundAllow: readonly string[]): Promise<MachineTranslator | null> {
  const config = await stored(db);
  if (!config.provider) return null;
  if (config.provider === 'deepl') return deepl(config, outboundAllow);
  if (config.provider === 'libretranslate') return libretranslate(config, outboundAllow);
  return openaiCompatible(config, outboundAllow);
}
