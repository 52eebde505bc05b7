import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addCacheKeys } from '../http/cache-keys.js';

interface Asset {
  /** `/assets/site.3f9a1c2b.css`: the content hash in the name lets browsers keep it for a year. */
  url: string;
  type: string;
  bytes: Buffer;
  etag: string;
}

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
};

/** One file served as `name`, made of `parts` in order (the stylesheet starts with the type it shares with the admin's editor). */
function load(name: string, parts = [name], folder = new URL('./assets/', import.meta.url)): Asset {
  const bytes = Buffer.concat(parts.map((part) => readFileSync(new URL(part, folder))));
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  const extension = name.slice(dot + 1);
  return { url: `/assets/${name.slice(0, dot)}.${hash}.${extension}`, type: TYPES[extension], bytes, etag: `"${hash}"` };
}

/** The theme's files, read once at start-up. */
export const ASSETS = {
  css: load('site.css', ['story-type.css', 'site.css']),
  js: load('copy-link.js'),
  /** Only live blogs' pages load it (views/live-blog.tsx). */
  liveJs: load('live-blog.js'),
  favicon: load('favicon.svg'),
  // The analytics beacon (src/analytics/), on every counted page while analytics are on.
  beacon: load('beacon.js', ['beacon.client.js'], new URL('../analytics/', import.meta.url)),
};

const BY_URL = new Map(Object.values(ASSETS).map((a) => [a.url, a]));

export function registerAssets(app: FastifyInstance): void {
  const send = (asset: Asset, maxAge: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    // Depends on nothing stored: only the settings key, which every public response carries.
    addCacheKeys(reply, []);
    reply.header('etag', asset.etag).header('cache-control', maxAge).type(asset.type);
    if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
    return reply.send(asset.bytes);
  };
  for (const asset of BY_URL.values()) app.get(asset.url, send(asset, 'public, max-age=31536000, immutable'));
  // Browsers ask for /favicon.ico whatever the page says; an SVG answers them all.
  app.get('/favicon.ico', send(ASSETS.favicon, 'public, max-age=86400'));
}
