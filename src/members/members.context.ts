import type { FastifyRequest } from 'fastify';
import type { OfferedNewsletter } from './subscriptions.service.js';

/** What a page's subscribe form needs: the newsletters of the page's language and a form token. */
export interface SubscribeFormData {
  language: string;
  newsletters: OfferedNewsletter[];
  token: string;
}

/**
 * Story and home pages are rendered in one synchronous pass; the members plugin loads the form's
 * data in a preHandler and keeps it here for the request, where the SubscribeSlot finds it (as
 * the comments do, src/comments/comments.context.ts).
 */
const loaded = new WeakMap<FastifyRequest, SubscribeFormData>();

export function keepSubscribeFormData(request: FastifyRequest, data: SubscribeFormData): void {
  loaded.set(request, data);
}

export function subscribeFormData(request: FastifyRequest | null, language: string): SubscribeFormData | undefined {
  const data = request ? loaded.get(request) : undefined;
  return data?.language === language ? data : undefined;
}
