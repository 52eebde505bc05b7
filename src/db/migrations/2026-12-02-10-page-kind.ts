import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../columns.js';

// A page (About, Contact, an imported WordPress or Ghost page) is served at its own address as
// a story is, but it is not news: it shows no date and stays out of every listing, feed, the
// news sitemap, search results and previous/next. `kind` says which an article is ('story' for
// everything written so far).
//
// The listings filter on it: it joins the end of the listing indexes (migration 50), so a page
// of a listing and its count still read the index alone, and a tag's or an author's links stop
// copying a page's publication time (`listed_at`, migration 60), so those listings and related
// stories never meet a page. Self-contained: the SQL of migration 60 is restated, not imported.

const TOPICS = [
  { table: 'article_tags', topic: 'tag_id' },
  { table: 'article_authors', topic: 'user_id' },
] as const;

const LISTED = {
  before: `case when status = 'published' and deleted_at is null then published_at end`,
  after: `case when status = 'published' and deleted_at is null and kind = 'story' then published_at end`,
};
const FOLLOWED = {
  before: `case when new.status = 'published' and new.deleted_at is null then new.published_at end`,
  after: `case when new.status = 'published' and new.deleted_at is null and new.kind = 'story' then new.published_at end`,
};
const WATCHED = { before: 'status, deleted_at, published_at', after: 'status, deleted_at, published_at, kind' };

type Version = 'before' | 'after';

async function sqliteTriggers(db: Kysely<any>, version: Version): Promise<void> {
  await sql.raw('drop trigger articles_listed').execute(db);
  for (const { table, topic } of TOPICS) {
    await sql.raw(`drop trigger ${table}_listed`).execute(db);
    await sql
      .raw(
        `create trigger ${table}_listed after insert on ${table} begin
          update ${table} set listed_at = (select ${LISTED[version]} from articles where id = new.article_id)
          where article_id = new.article_id and ${topic} = new.${topic};
        end`,
      )
      .execute(db);
  }
  const follow = TOPICS.map(({ table }) => `update ${table} set listed_at = ${FOLLOWED[version]} where article_id = new.id;`).join('\n');
  await sql.raw(`create trigger articles_listed after update of ${WATCHED[version]} on articles begin ${follow} end`).execute(db);
}

async function postgresTriggers(db: Kysely<any>, version: Version): Promise<void> {
  await sql
    .raw(
      `create or replace function herald_link_listed() returns trigger language plpgsql as $$
      begin
        new.listed_at := (select ${LISTED[version]} from articles where id = new.article_id);
        return new;
      end $$`,
    )
    .execute(db);
  const follow = TOPICS.map(({ table }) => `update ${table} set listed_at = ${FOLLOWED[version]} where article_id = new.id;`).join('\n');
  await sql
    .raw(
      `create or replace function herald_article_listed() returns trigger language plpgsql as $$
      begin
        ${follow}
        return null;
      end $$`,
    )
    .execute(db);
  await sql.raw('drop trigger articles_listed on articles').execute(db);
  await sql
    .raw(`create trigger articles_listed after update of ${WATCHED[version]} on articles for each row execute function herald_article_listed()`)
    .execute(db);
}

async function listingIndexes(db: Kysely<any>, version: Version): Promise<void> {
  const kind = version === 'after' ? ['kind'] : [];
  await db.schema.dropIndex('articles_public_listing').execute();
  await db.schema.dropIndex('articles_section_listing').execute();
  await db.schema
    .createIndex('articles_public_listing')
    .on('articles')
    .columns(['language', 'status', 'deleted_at', 'published_at', 'id', ...kind])
    .execute();
  await db.schema
    .createIndex('articles_section_listing')
    .on('articles')
    .columns(['section_id', 'language', 'status', 'deleted_at', 'published_at', 'id', ...kind])
    .execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('articles')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('story').check(sql`kind in ('story', 'page')`))
    .execute();
  await listingIndexes(db, 'after');
  await (isPostgres(db) ? postgresTriggers(db, 'after') : sqliteTriggers(db, 'after'));
}

export async function down(db: Kysely<any>): Promise<void> {
  await (isPostgres(db) ? postgresTriggers(db, 'before') : sqliteTriggers(db, 'before'));
  await listingIndexes(db, 'before');
  await db.schema.alterTable('articles').dropColumn('kind').execute();
  // Links of pages were left out of the listings; now every public article is listed again.
  for (const { table } of TOPICS) {
    await sql.raw(`update ${table} set listed_at = (select ${LISTED.before} from articles where articles.id = ${table}.article_id)`).execute(db);
  }
}
