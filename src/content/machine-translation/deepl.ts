import { postJson, ProviderError, trimmedBase, type MachineTranslator, type ProviderConfig } from './provider.js';

// DeepL's own defaults: free-plan keys end in ":fx" and use another host.
export function deeplDefaultUrl(apiKey: string): string {
  return apiKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com';
}

/** DeepL names a source language by its base code, a target sometimes with a variant (EN-GB, PT-BR, ZH-HANT). */
export function deeplLanguage(tag: string, role: 'source' | 'target'): string {
  const [base, ...rest] = tag.toUpperCase().split('-');
  if (role === 'source') return base;
  if (rest.length) return `${base}-${rest.join('-')}`;
  if (base === 'EN') return 'EN-US';
  if (base === 'PT') return 'PT-PT';
  return base;
}

/** DeepL API v2: POST /v2/translate with "Authorization: DeepL-Auth-Key KEY". */
export function deepl(config: Pick<ProviderConfig, 'baseUrl' | 'apiKey'>, outboundAllow: readonly string[]): MachineTranslator {
  const base = trimmedBase(config.baseUrl || deeplDefaultUrl(config.apiKey));
  return {
    name: 'DeepL',
    async translate(texts, { from, to, format }) {
      const answer = (await postJson(
        'DeepL',
        `${base}/v2/translate`,
        {
          text: texts,
          source_lang: deeplLanguage(from, 'source'),
          target_lang: deeplLanguage(to, 'target'),
          ...(format === 'html' ? { tag_handling: 'html' } : {}),
        },
        { headers: { authorization: `DeepL-Auth-Key ${config.apiKey}` }, outboundAllow },
      )) as { translations?: Array<{ text?: unknown }> };
      const out = answer.translations?.map((t) => t.text);
      if (!out || out.length !== texts.length || out.some((t) => typeof t !== 'string')) {
        throw new ProviderError('DeepL answered without one translation per text.');
      }
      return out as string[];
    },
  };
}
