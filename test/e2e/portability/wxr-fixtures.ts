import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the WordPress importer's own test files, checked: throws when they are not
 * there, so every test file that reads them fails (loudly, with where to put them) instead of
 * being skipped and letting a run without them pass.
 */
export function wxrFixturesAt(dir: string): string {
  const probe = join(dir, 'theme-unit-test-data.xml');
  if (!existsSync(probe)) {
    throw new Error(
      `WordPress fixtures not found: ${probe} does not exist. The WXR import tests read the WordPress importer's own ` +
        'test files in place from ../shared/fixtures/wordpress-wxr beside the project (see ../shared/fixtures/README.md), ' +
        'or from the folder HERALD_WXR_FIXTURES names; without them these tests fail, they are never skipped.',
    );
  }
  return dir;
}

/** Beside the project (CI puts them there), or where HERALD_WXR_FIXTURES says. */
export const WXR_DIR = wxrFixturesAt(
  process.env.HERALD_WXR_FIXTURES || fileURLToPath(new URL('../../../../shared/fixtures/wordpress-wxr', import.meta.url)),
);

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
