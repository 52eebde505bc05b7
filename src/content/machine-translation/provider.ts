import { OutboundError, outboundRequest, type OutboundResponse } from '../../core/outbound-http.js';

/** What every machine translation service offers Herald: many texts in, as many out, same order. */
export interface MachineTranslator {
  readonly name: string;
  /** `format: 'html'` keeps the markup (tags, links) and translates only the text between. */
  translate(texts: string[], options: { from: string; to: string; format: 'text' | 'html' }): Promise<string[]>;
}

export const PROVIDERS = ['deepl', 'libretranslate', 'openai'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export interface ProviderConfig {
  provider: ProviderName;
  /** The service's address; each provider has a documented default. */
  baseUrl: string;
  apiKey: string;
  /** OpenAI-compatible endpoints: which model to ask. */
  model: string;
}

/**
 * A provider answered with an error or something it does not document. The message can quote
 * the provider's answer: for the log and administrators, never for anyone else (see
 * translations.service.ts).
 */
export class ProviderError extends Error {}

// A story and its translation are a few hundred kilobytes at most; an answer past this is not one.
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export interface PostOptions {
  headers?: Record<string, string>;
  /** config.outboundAllow: the non-public hosts and ranges a provider may be reached at (a local server). */
  outboundAllow: readonly string[];
}

/** POSTs JSON and reads JSON, turning HTTP and network failures into one readable error. */
export async function postJson(name: string, url: string, body: unknown, options: PostOptions): Promise<unknown> {
  let response: OutboundResponse;
  try {
    // Streamed and capped, public addresses only unless allowed, redirects re-checked (core/outbound-http).
    response = await outboundRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
      body: JSON.stringify(body),
      maxBytes: MAX_ANSWER_BYTES,
      allow: options.outboundAllow,
      timeoutMs: 60_000,
      maxRedirects: 3,
    });
  } catch (error) {
    if (error instanceof OutboundError && error.code === 'TOO_LARGE') throw new ProviderError(`${name} answered more than ${MAX_ANSWER_BYTES} bytes.`);
    throw new ProviderError(`${name} could not be reached at ${url}: ${(error as Error).message}`);
  }
  const text = response.text();
  if (!response.ok) throw new ProviderError(`${name} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderError(`${name} answered something that is not JSON: ${text.slice(0, 120)}`);
  }
}

export function trimmedBase(url: string): string {
  return url.replace(/\/+$/, '');
}
