import type { Kysely } from 'kysely';
import { withId } from '../columns.js';

// The core content model: settings, people, taxonomy, articles in translation groups,
// revisions and slug history.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('users'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('avatar_url', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('api_tokens'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('sections'))
    .addColumn('parent_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('section_names')
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('section_names_pk', ['section_id', 'language'])
    .addUniqueConstraint('section_names_language_slug', ['language', 'slug'])
    .execute();

  await withId(db, db.schema.createTable('tags'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tags_language_slug', ['language', 'slug'])
    .execute();

  await withId(db, db.schema.createTable('media'))
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('stories'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('articles'))
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('standfirst', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
    .addColumn('image_url', 'text')
    .addColumn('image_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('image_caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('image_credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('image_alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_name', 'text')
    .addColumn('source_url', 'text')
    .addColumn('source_published_at', 'text')
    .addColumn('machine_translated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('translated_from_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('seo_title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('seo_description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('publish_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('articles_story_language', ['story_id', 'language'])
    .addUniqueConstraint('articles_language_slug', ['language', 'slug'])
    .execute();
  // The public listings: latest published per language, per section.
  await db.schema
    .createIndex('articles_public_latest')
    .on('articles')
    .columns(['language', 'status', 'published_at', 'id'])
    .execute();
  await db.schema
    .createIndex('articles_section_latest')
    .on('articles')
    .columns(['section_id', 'status', 'published_at'])
    .execute();
  await db.schema.createIndex('articles_due').on('articles').columns(['status', 'publish_at']).execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag').on('article_tags').columns(['tag_id', 'article_id']).execute();

  await db.schema
    .createTable('article_authors')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('article_authors_user')
    .on('article_authors')
    .columns(['user_id', 'article_id'])
    .execute();

  await withId(db, db.schema.createTable('article_revisions'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('article_revisions_version', ['article_id', 'version'])
    .execute();

  await db.schema
    .createTable('slug_redirects')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('slug_redirects_pk', ['language', 'slug'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'slug_redirects',
    'article_revisions',
    'article_authors',
    'article_tags',
    'articles',
    'stories',
    'media',
    'tags',
    'section_names',
    'sections',
    'api_tokens',
    'users',
    'settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
