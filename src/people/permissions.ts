import { forbidden } from '../core/errors.js';
import type { Role } from './roles.js';

/**
 * The one permission table. "own" actions apply to stories the actor wrote; "any" to all.
 * Routes and services ask `can(actor, action)`; nothing else decides who may do what.
 */
export const PERMISSIONS = {
  'articles.read': ['contributor', 'author', 'editor', 'administrator'],
  'articles.create': ['contributor', 'author', 'editor', 'administrator'],
  'articles.edit.own': ['contributor', 'author', 'editor', 'administrator'],
  'articles.edit.any': ['editor', 'administrator'],
  'articles.publish.own': ['author', 'editor', 'administrator'],
  'articles.publish.any': ['editor', 'administrator'],
  'articles.delete.own': ['contributor', 'author', 'editor', 'administrator'],
  'articles.delete.any': ['editor', 'administrator'],
  // Asking an editor to publish one's own draft, and answering: publishing it, or sending it back.
  'articles.submit.own': ['contributor', 'author', 'editor', 'administrator'],
  'articles.review': ['editor', 'administrator'],
  'taxonomy.manage': ['editor', 'administrator'],
  'media.upload': ['author', 'editor', 'administrator'],
  // Alt text, caption and credit: "own" for pictures the actor uploaded and no one else's story uses.
  'media.describe.own': ['author', 'editor', 'administrator'],
  'media.describe.any': ['editor', 'administrator'],
  'comments.moderate': ['editor', 'administrator'],
  // Newsletters and the members who receive them; sending a story: "own" only to a newsletter that allows authors.
  'newsletters.manage': ['editor', 'administrator'],
  'members.manage': ['editor', 'administrator'],
  'newsletters.send.own': ['author', 'editor', 'administrator'],
  'newsletters.send.any': ['editor', 'administrator'],
  // Reader numbers (analytics): "own" for the stories the actor is an author of.
  'stats.read.own': ['author', 'editor', 'administrator'],
  'stats.read.any': ['editor', 'administrator'],
  // The editions' followers on the fediverse, and the instances blocked.
  'fediverse.manage': ['editor', 'administrator'],
  // How a story's deliveries to its followers' servers stand: "own" for the actor's own stories.
  'fediverse.deliveries.own': ['author', 'editor', 'administrator'],
  'fediverse.deliveries.any': ['editor', 'administrator'],
  // Everyone, whatever their role; editors manage only the people who write for them.
  'users.manage': ['administrator'],
  'users.manage.writers': ['editor', 'administrator'],
  'settings.manage': ['administrator'],
  'tokens.manage': ['administrator'],
  'webhooks.manage': ['administrator'],
  'demo.remove': ['administrator'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

/** Who is acting: a signed-in user, or an API token (which may act for a user). */
export interface Actor {
  role: Role;
  userId: number | null;
  /** Stable id recorded on what the actor creates: `user:3` or `token:7`. */
  principal: string;
  name: string;
}

export function can(actor: Actor, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(actor.role);
}

/** The roles a user-manager may give, and whose holders it may edit: editors only writers'. */
const WRITERS: readonly Role[] = ['contributor', 'author'];

export function canManageRole(actor: Actor, role: Role | string): boolean {
  if (can(actor, 'users.manage')) return true;
  return can(actor, 'users.manage.writers') && (WRITERS as readonly string[]).includes(role);
}

export function assertCanManageRole(actor: Actor, role: Role | string): void {
  assertCan(actor, 'users.manage.writers');
  if (!canManageRole(actor, role)) throw forbidden(`The ${actor.role} role may only manage contributors and authors, not ${role}s.`, { role: actor.role });
}

export function assertCan(actor: Actor, action: Action, message?: string): void {
  if (!can(actor, action)) {
    throw forbidden(message ?? `The ${actor.role} role may not do "${action}".`, { role: actor.role });
  }
}
