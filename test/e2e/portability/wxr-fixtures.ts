import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The WordPress importer's own test files, beside the project (CI puts them there). */
export const WXR_DIR = resolve(process.cwd(), '../shared/fixtures/wordpress-wxr');
export const HAS_WXR = existsSync(join(WXR_DIR, 'theme-unit-test-data.xml'));
if (!HAS_WXR) console.warn(`WordPress fixtures not found at ${WXR_DIR}: the WXR import tests are skipped.`);

export function wxr(name: string): string {
  return join(WXR_DIR, name);
}

export const MALFORMED_WXR = ['malformed.xml', 'malformed-simple.xml', 'missing-version-tag.xml', 'invalid-version-tag.xml', 'crazy-cdata.xml'];

export interface ExpectedItem {
  id: string;
  type: string;
  status: string;
  password: string;
  link: string;
  slug: string;
  date: string;
  parent: string;
}

function tag(block: string, name: string): string {
  const match = block.match(new RegExp(`<wp:${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</wp:${name}>`));
  return match?.[1].trim() ?? '';
}

/**
 * What a WXR file holds, read with plain regular expressions: an independent count to check
 * the streaming importer against (good enough for WordPress's own regular exports).
 */
export function expectedFromFile(file: string) {
  const text = readFileSync(file, 'utf8');
  const items: ExpectedItem[] = [...text.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, block]) => ({
    id: tag(block, 'post_id'),
    type: tag(block, 'post_type'),
    status: tag(block, 'status'),
    password: tag(block, 'post_password'),
    link: block.match(/<link>([\s\S]*?)<\/link>/)?.[1].trim() ?? '',
    slug: tag(block, 'post_name'),
    date: tag(block, 'post_date'),
    parent: tag(block, 'post_parent'),
  }));
  const categories = [...text.matchAll(/<wp:category>([\s\S]*?)<\/wp:category>/g)].map(([, block]) => ({
    slug: tag(block, 'category_nicename'),
    parent: tag(block, 'category_parent'),
  }));
  // Declared at the top, or only used by a post: both become tags.
  const tags = [...text.matchAll(/<wp:tag>([\s\S]*?)<\/wp:tag>/g)].map(([, block]) => tag(block, 'tag_slug'));
  const comments = [...text.matchAll(/<wp:comment>([\s\S]*?)<\/wp:comment>/g)].map(([, block]) => ({
    id: tag(block, 'comment_id'),
    type: tag(block, 'comment_type'),
    approved: tag(block, 'comment_approved'),
    parent: tag(block, 'comment_parent'),
  }));
  const usedTags = [...text.matchAll(/<category domain="post_tag" nicename="([^"]*)"/g)].map(([, slug]) => slug);
  return { items, categories, tags: [...new Set([...tags, ...usedTags])], comments };
}
