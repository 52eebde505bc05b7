import type { TestApp } from '../../support/app.js';
import { formToken } from '../../../src/comments/comments.form.js';

let nextIp = 1;
/** A new client address per call, so the per-IP rate limit only bites where a test wants it. */
export function freshIp(): string {
  nextIp += 1;
  return `198.51.${Math.floor(nextIp / 250) % 250}.${(nextIp % 250) + 1}`;
}

export async function publishStory(t: TestApp, fields: Record<string, unknown> = {}) {
  const { authorization } = await t.auth('editor');
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/admin/v1/articles',
    headers: { authorization },
    payload: { language: 'en', title: `Story ${Math.random().toString(36).slice(2, 8)}`, body: 'The council met on Tuesday.', status: 'published', ...fields },
  });
  if (response.statusCode !== 201) throw new Error(`cannot create story: ${response.body}`);
  return response.json() as { id: number; path: string; url: string; language: string };
}

export interface PostOptions {
  ip?: string;
  /** How long ago the form was served (ms); 10 s unless a test wants a bot's speed. */
  servedAgo?: number;
  token?: string | null;
  json?: boolean;
  cookie?: string;
}

/** Sends a comment the way the story page's form does (urlencoded), with a token served `servedAgo` ms earlier. */
export async function postComment(t: TestApp, articleId: number, fields: Record<string, string>, options: PostOptions = {}) {
  const token = options.token === undefined ? await formToken(t.database.db, articleId, t.app.herald.now() - (options.servedAgo ?? 10_000)) : options.token;
  const form = new URLSearchParams({ article: String(articleId), name: 'Ada Reader', email: 'ada@example.org', body: 'A thoughtful remark about the council.', ...fields });
  if (token) form.set('token', token);
  return t.app.inject({
    method: 'POST',
    url: '/comments',
    remoteAddress: options.ip ?? freshIp(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.json ? { accept: 'application/json' } : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    payload: form.toString(),
  });
}

export function cookieOf(response: { headers: Record<string, unknown> }): string {
  const raw = response.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  return list.map((c) => String(c).split(';')[0]).join('; ');
}

export async function moderate(t: TestApp, id: number, action: string, role: 'editor' | 'administrator' = 'editor') {
  const { authorization } = await t.auth(role);
  return t.app.inject({ method: 'POST', url: `/api/admin/v1/comments/${id}/${action}`, headers: { authorization } });
}

export async function listComments(t: TestApp, query: string) {
  const { authorization } = await t.auth('editor');
  const response = await t.app.inject({ method: 'GET', url: `/api/admin/v1/comments?${query}`, headers: { authorization } });
  return response.json() as { items: Array<{ id: number; status: string; body: string; score: number; reasons: string[]; author: { ip: string | null } }>; total: number };
}
