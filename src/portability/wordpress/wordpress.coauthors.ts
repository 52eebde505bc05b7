/**
 * Co-Authors Plus, the WordPress plugin for several bylines, as its exports carry it: each post
 * names its co-authors, in byline order, as terms of the `author` taxonomy
 * (`<category domain="author" nicename="cap-jane"><![CDATA[jane]]></category>`, the slug being
 * `cap-` and the person's nicename), and each guest author (someone without a WordPress account)
 * is a post of type `guest-author` named `cap-…`, whose postmeta hold `cap-display_name`,
 * `cap-user_login`, `cap-user_email`, `cap-website`, `cap-description`, and `cap-linked_account`
 * (the login of the WordPress account it stands for, if any).
 */
import { plainText } from '../../content/body.js';
import type { WxrItem } from './wxr.reader.js';

export interface CapGuest {
  name: string;
  bio: string;
  website: string;
  /** A WordPress account this guest author stands for (its login), or ''. */
  linkedAccount: string;
}

const PREFIX = 'cap-';

/** The guest author an item is, under the slugs posts name them by (`cap-login`); null for any other item. */
export function capGuestOf(item: WxrItem): { slugs: string[]; guest: CapGuest } | null {
  if (item.postType !== 'guest-author') return null;
  const meta = (key: string) => (item.meta.get(`cap-${key}`) ?? '').trim();
  const login = meta('user_login');
  const fullName = [meta('first_name'), meta('last_name')].filter(Boolean).join(' ');
  const name = meta('display_name') || plainText(item.title) || fullName || login;
  if (!name) return null;
  const slugs = [...new Set([item.postName, login && `${PREFIX}${login}`].filter(Boolean))];
  return { slugs, guest: { name, bio: plainText(meta('description')), website: meta('website'), linkedAccount: meta('linked_account') } };
}

/** The co-authors a post names, in its byline's order: each term's slug (`cap-jane`) and the login it stands for. */
export function coAuthorsOf(item: WxrItem): Array<{ slug: string; login: string }> {
  const seen = new Set<string>();
  const coAuthors: Array<{ slug: string; login: string }> = [];
  for (const term of item.terms) {
    if (term.domain !== 'author' || !term.slug || seen.has(term.slug)) continue;
    seen.add(term.slug);
    const login = term.name.trim() || (term.slug.startsWith(PREFIX) ? term.slug.slice(PREFIX.length) : term.slug);
    coAuthors.push({ slug: term.slug, login });
  }
  return coAuthors;
}
