import { postJson, ProviderError, trimmedBase, type MachineTranslator, type ProviderConfig } from './provider.js';

/** LibreTranslate's codes: base languages, and "zt" for Traditional Chinese. */
export function libreLanguage(tag: string): string {
  const lower = tag.toLowerCase();
  if (lower === 'zh-hant' || lower === 'zh-tw' || lower === 'zh-hk') return 'zt';
  return lower.split('-')[0];
}

/** LibreTranslate: POST /translate with q (a list), source, target, format and api_key. */
export function libretranslate(config: Pick<ProviderConfig, 'baseUrl' | 'apiKey'>, outboundAllow: readonly string[]): MachineTranslator {
  const base = trimmedBase(config.baseUrl || 'https://libretranslate.com');
  return {
    name: 'LibreTranslate',
    async translate(texts, { from, to, format }) {
      const answer = (await postJson('LibreTranslate', `${base}/translate`, {
        q: texts,
        source: libreLanguage(from),
        target: libreLanguage(to),
        format,
        ...(config.apiKey ? { api_key: config.apiKey } : {}),
      }, { outboundAllow })) as { translatedText?: unknown };
      const out = answer.translatedText;
      if (!Array.isArray(out) || out.length !== texts.length || out.some((t) => typeof t !== 'string')) {
        throw new ProviderError('LibreTranslate answered without one translation per text.');
      }
      return out as string[];
    },
  };
}
