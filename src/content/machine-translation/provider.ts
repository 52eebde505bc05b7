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

/** A provider answered with an error or something it does not document. */
export class ProviderError extends Error {}

/** POSTs JSON and reads JSON, turning HTTP and network failures into one readable error. */
export async function postJson(name: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new ProviderError(`${name} could not be reached at ${url}: ${(error as Error).message}`);
  }
  const text = await response.text();
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
