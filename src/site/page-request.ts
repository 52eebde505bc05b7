import type { FastifyRequest } from 'fastify';
import { createContext } from 'preact';

/**
 * The request a page is rendered for, for the few components that show something loaded for
 * it by another domain (a story's comments). Null when a page is rendered outside a request.
 */
export const PageRequest = createContext<FastifyRequest | null>(null);
