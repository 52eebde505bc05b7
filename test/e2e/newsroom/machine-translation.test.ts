import { afterEach, describe, expect, it } from 'vitest';
import { deepl, deeplLanguage } from '../../../src/content/machine-translation/deepl.js';
import { libretranslate, libreLanguage } from '../../../src/content/machine-translation/libretranslate.js';
import { openaiCompatible } from '../../../src/content/machine-translation/openai.js';
import { ProviderError } from '../../../src/content/machine-translation/provider.js';
import { fakeService, fakeTranslate, libreTranslateService } from './fake-translators.js';

// The fake services listen on loopback, which Herald reaches only when told to.
const LOOPBACK_ALLOWED = ['127.0.0.1'];
const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
async function serve<T extends { close(): Promise<void> }>(server: Promise<T>): Promise<T> {
  const started = await server;
  servers.push(started);
  return started;
}

describe('machine translation adapters, each against a server speaking its documented API', () => {
  it('DeepL: POST /v2/translate with DeepL-Auth-Key, text list, source and target codes, HTML tag handling', async () => {
    const service = await serve(
      fakeService(({ path, headers, body }) => {
        if (path !== '/v2/translate') return { status: 404, body: {} };
        if (headers.authorization !== 'DeepL-Auth-Key secret:fx') return { status: 403, body: { message: 'Wrong auth key' } };
        return { body: { translations: body.text.map((t: string) => ({ detected_source_language: body.source_lang, text: fakeTranslate(t, body.target_lang) })) } };
      }),
    );
    const translator = deepl({ baseUrl: service.url, apiKey: 'secret:fx' }, LOOPBACK_ALLOWED);
    const out = await translator.translate(['<p>Hello <a href="/x">world</a></p>'], { from: 'en', to: 'zh-Hant', format: 'html' });
    expect(out).toEqual(['<p>[ZH-HANT] Hello <a href="/x">[ZH-HANT] world</a></p>']);
    expect(service.received[0].body).toEqual({ text: ['<p>Hello <a href="/x">world</a></p>'], source_lang: 'EN', target_lang: 'ZH-HANT', tag_handling: 'html' });
    expect(service.received[0].headers['content-type']).toBe('application/json');
  });

  it('DeepL: names the variant DeepL requires for English and Portuguese targets', () => {
    expect(deeplLanguage('en', 'target')).toBe('EN-US');
    expect(deeplLanguage('en-GB', 'target')).toBe('EN-GB');
    expect(deeplLanguage('pt', 'target')).toBe('PT-PT');
    expect(deeplLanguage('fr-CA', 'source')).toBe('FR');
  });

  it('DeepL: a refused key becomes a readable provider error', async () => {
    const service = await serve(fakeService(() => ({ status: 403, body: { message: 'Wrong auth key' } })));
    const translator = deepl({ baseUrl: service.url, apiKey: 'bad' }, LOOPBACK_ALLOWED);
    await expect(translator.translate(['Hi'], { from: 'en', to: 'fr', format: 'text' })).rejects.toThrow(/DeepL answered HTTP 403: .*Wrong auth key/);
  });

  it('LibreTranslate: POST /translate with q list, source, target, format and api_key', async () => {
    const service = await serve(libreTranslateService());
    const translator = libretranslate({ baseUrl: `${service.url}/`, apiKey: 'k1' }, LOOPBACK_ALLOWED);
    const out = await translator.translate(['Good morning', 'Rain today'], { from: 'en', to: 'fr', format: 'text' });
    expect(out).toEqual(['[fr] Good morning', '[fr] Rain today']);
    expect(service.received[0].body).toEqual({ q: ['Good morning', 'Rain today'], source: 'en', target: 'fr', format: 'text', api_key: 'k1' });
    expect(libreLanguage('zh-Hant')).toBe('zt');
  });

  it('LibreTranslate: an answer without one text per input is refused', async () => {
    const service = await serve(fakeService(() => ({ body: { translatedText: 'only one' } })));
    await expect(libretranslate({ baseUrl: service.url, apiKey: '' }, LOOPBACK_ALLOWED).translate(['a', 'b'], { from: 'en', to: 'fr', format: 'text' })).rejects.toBeInstanceOf(ProviderError);
  });

  it('OpenAI-compatible: POST /chat/completions with a bearer key, the model, and the text as the user message', async () => {
    const service = await serve(
      fakeService(({ path, headers, body }) => {
        if (path !== '/v1/chat/completions' || headers.authorization !== 'Bearer sk-test') return { status: 401, body: { error: { message: 'no' } } };
        const user = body.messages.find((m: { role: string }) => m.role === 'user').content;
        return { body: { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: ` ${fakeTranslate(user, 'ar')}\n` }, finish_reason: 'stop' }] } };
      }),
    );
    const translator = openaiCompatible({ baseUrl: `${service.url}/v1`, apiKey: 'sk-test', model: 'local-model' }, LOOPBACK_ALLOWED);
    const out = await translator.translate(['Headline', '', '<p>Body</p>'], { from: 'en', to: 'ar', format: 'html' });
    expect(out).toEqual(['[ar] Headline', '', '<p>[ar] Body</p>']);
    // Empty texts are not sent.
    expect(service.received).toHaveLength(2);
    const request = service.received[1].body;
    expect(request.model).toBe('local-model');
    expect(request.messages[0]).toMatchObject({ role: 'system' });
    expect(request.messages[0].content).toMatch(/HTML/);
    expect(request.messages[0].content).toMatch(/\(ar\)/);
  });

  it('reports an unreachable service by its address', async () => {
    const translator = libretranslate({ baseUrl: 'http://127.0.0.1:9', apiKey: '' }, LOOPBACK_ALLOWED);
    await expect(translator.translate(['x'], { from: 'en', to: 'fr', format: 'text' })).rejects.toThrow(/could not be reached at http:\/\/127\.0\.0\.1:9\/translate: .*ECONNREFUSED/);
  });

  it('reaches a service on loopback only when HERALD_OUTBOUND_ALLOW says so', async () => {
    const service = await serve(libreTranslateService());
    for (const base of [service.url, service.url.replace('127.0.0.1', '2130706433'), service.url.replace('127.0.0.1', 'localhost')]) {
      const translator = libretranslate({ baseUrl: base, apiKey: '' }, []);
      await expect(translator.translate(['x'], { from: 'en', to: 'fr', format: 'text' }), base).rejects.toThrow(/could not be reached at .*loopback address/);
    }
    expect(service.received).toEqual([]);
  });

  it('stops reading an answer larger than any translation', async () => {
    const service = await serve(fakeService(() => ({ body: { translatedText: ['x'.repeat(9 * 1024 * 1024)] } })));
    const translator = libretranslate({ baseUrl: service.url, apiKey: '' }, LOOPBACK_ALLOWED);
    await expect(translator.translate(['x'], { from: 'en', to: 'fr', format: 'text' })).rejects.toThrow(/^LibreTranslate answered more than 8388608 bytes\.$/);
  });
});
