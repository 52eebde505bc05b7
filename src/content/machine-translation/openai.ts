import { nativeLanguageName } from '../languages.js';
import { postJson, ProviderError, trimmedBase, type MachineTranslator, type ProviderConfig } from './provider.js';

function instructions(from: string, to: string, format: 'text' | 'html'): string {
  const names = (tag: string) => `${nativeLanguageName(tag)} (${tag})`;
  return [
    `You translate news stories from ${names(from)} into ${names(to)}.`,
    'Answer with the translation only: no preface, no notes, no quotation marks around it.',
    format === 'html' ? 'The text is HTML: keep every tag and attribute exactly, translate only the text between tags.' : '',
    'Keep names, numbers and quotations faithful; use the register of a serious newspaper.',
  ].filter(Boolean).join(' ');
}

/**
 * Any OpenAI-compatible chat completions endpoint (OpenAI, or a local server speaking the same
 * API): POST {base}/chat/completions with a bearer key, one request per text.
 */
export function openaiCompatible(config: Pick<ProviderConfig, 'baseUrl' | 'apiKey' | 'model'>, outboundAllow: readonly string[]): MachineTranslator {
  const base = trimmedBase(config.baseUrl || 'https://api.openai.com/v1');
  return {
    name: 'OpenAI-compatible',
    async translate(texts, { from, to, format }) {
      const out: string[] = [];
      for (const text of texts) {
        if (!text.trim()) {
          out.push(text);
          continue;
        }
        const answer = (await postJson(
          'The OpenAI-compatible endpoint',
          `${base}/chat/completions`,
          {
            model: config.model || 'gpt-4o-mini',
            temperature: 0,
            messages: [
              { role: 'system', content: instructions(from, to, format) },
              { role: 'user', content: text },
            ],
          },
          { headers: config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}, outboundAllow },
        )) as { choices?: Array<{ message?: { content?: unknown } }> };
        const content = answer.choices?.[0]?.message?.content;
        if (typeof content !== 'string') throw new ProviderError('The OpenAI-compatible endpoint answered without a message.');
        out.push(content.trim());
      }
      return out;
    },
  };
}
