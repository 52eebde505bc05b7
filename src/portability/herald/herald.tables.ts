/**
 * The tables a Herald export carries, in an order where every row's references come before
 * it. Self-references are restored in a second step. Secrets never leave: API tokens,
 * sessions and sign-in links are not exported, and users lose their password hash. Derived
 * data (the search index, image variants' files) is rebuilt, not exported.
 */
export interface ExportedTable {
  name: string;
  /** Columns the rows are ordered by: the primary key. */
  orderBy: string[];
  /** Columns left out of the export. */
  omit?: string[];
  /** A column referring to the same table, written after all rows exist. */
  selfReference?: string;
  /** Has an auto-incremented `id` whose sequence must follow the restored rows (PostgreSQL). */
  serial?: boolean;
  /** Tables other parts add later; exported when present. */
  optional?: boolean;
}

export const EXPORTED_TABLES: ExportedTable[] = [
  { name: 'settings', orderBy: ['key'] },
  { name: 'users', orderBy: ['id'], omit: ['password_hash'], serial: true },
  { name: 'sections', orderBy: ['id'], selfReference: 'parent_id', serial: true },
  { name: 'section_names', orderBy: ['section_id', 'language'] },
  { name: 'tags', orderBy: ['id'], serial: true },
  { name: 'media', orderBy: ['id'], serial: true },
  { name: 'media_variants', orderBy: ['media_id', 'format', 'width'], optional: true },
  { name: 'stories', orderBy: ['id'], serial: true },
  { name: 'articles', orderBy: ['id'], selfReference: 'translated_from_id', serial: true },
  // listed_at is derived from the story (see migration 60): the importing database's triggers write it.
  { name: 'article_tags', orderBy: ['article_id', 'tag_id'], omit: ['listed_at'] },
  { name: 'article_authors', orderBy: ['article_id', 'user_id'], omit: ['listed_at'] },
  { name: 'article_credits', orderBy: ['article_id', 'kind', 'user_id'], optional: true },
  { name: 'article_revisions', orderBy: ['id'], serial: true },
  { name: 'article_corrections', orderBy: ['id'], selfReference: 'source_correction_id', serial: true, optional: true },
  { name: 'slug_redirects', orderBy: ['language', 'slug'] },
  { name: 'comments', orderBy: ['id'], serial: true, optional: true },
  { name: 'comment_threads', orderBy: ['article_id'], optional: true },
  { name: 'comment_blocks', orderBy: ['id'], serial: true, optional: true },
  { name: 'legacy_redirects', orderBy: ['path'] },
  { name: 'imported_attachments', orderBy: ['id'], serial: true },
  { name: 'import_map', orderBy: ['source', 'kind', 'external_id'] },
  { name: 'syndication_feeds', orderBy: ['id'], serial: true },
  { name: 'syndication_items', orderBy: ['feed_id', 'guid'] },
  // A restored demo stays removable in one click.
  { name: 'demo_content', orderBy: ['kind', 'id'], optional: true },
];

export const EXPORT_FORMAT = 'herald-export';
export const EXPORT_VERSION = 1;
