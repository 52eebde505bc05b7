import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../columns.js';

// A tag's or an author's page lists their public stories newest first. The stories' dates
// live in `articles`, the topic in `article_tags` / `article_authors`, and no index spans two
// tables: the engines either gathered every story of the tag (a popular tag's page grew with
// the archive) or walked the language's listing looking for the tag (a rare tag's did).
// `listed_at` copies the publication time onto the link while the story is public (null
// otherwise), so a topic page is one range of a (topic, listed_at) index.
//
// Triggers keep the copy exact on every write, whoever makes it (services, importers,
// restores, a person with a SQL prompt): a link takes its story's state when it is inserted,
// and a story's links follow it when its status, trash state or publication time change.

const TOPICS = [
  { table: 'article_tags', topic: 'tag_id' },
  { table: 'article_authors', topic: 'user_id' },
] as const;

const LISTED = `case when status = 'published' and deleted_at is null then published_at end`;

async function sqliteTriggers(db: Kysely<any>): Promise<void> {
  for (const { table, topic } of TOPICS) {
    await sql
      .raw(
        `create trigger ${table}_listed after insert on ${table} begin
          update ${table} set listed_at = (select ${LISTED} from articles where id = new.article_id)
          where article_id = new.article_id and ${topic} = new.${topic};
        end`,
      )
      .execute(db);
  }
  const follow = TOPICS.map(
    ({ table }) =>
      `update ${table} set listed_at = case when new.status = 'published' and new.deleted_at is null then new.published_at end where article_id = new.id;`,
  ).join('\n');
  await sql.raw(`create trigger articles_listed after update of status, deleted_at, published_at on articles begin ${follow} end`).execute(db);
}

async function postgresTriggers(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create function herald_link_listed() returns trigger language plpgsql as $$
      begin
        new.listed_at := (select ${LISTED} from articles where id = new.article_id);
        return new;
      end $$`,
    )
    .execute(db);
  for (const { table } of TOPICS) {
    await sql.raw(`create trigger ${table}_listed before insert on ${table} for each row execute function herald_link_listed()`).execute(db);
  }
  const follow = TOPICS.map(
    ({ table }) =>
      `update ${table} set listed_at = case when new.status = 'published' and new.deleted_at is null then new.published_at end where article_id = new.id;`,
  ).join('\n');
  await sql
    .raw(
      `create function herald_article_listed() returns trigger language plpgsql as $$
      begin
        ${follow}
        return null;
      end $$`,
    )
    .execute(db);
  await sql
    .raw(`create trigger articles_listed after update of status, deleted_at, published_at on articles for each row execute function herald_article_listed()`)
    .execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const { table, topic } of TOPICS) {
    await db.schema.alterTable(table).addColumn('listed_at', 'text').execute();
    await sql.raw(`update ${table} set listed_at = (select ${LISTED} from articles where articles.id = ${table}.article_id)`).execute(db);
    await db.schema.createIndex(`${table}_listing`).on(table).columns([topic, 'listed_at', 'article_id']).execute();
  }
  await (isPostgres(db) ? postgresTriggers(db) : sqliteTriggers(db));
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop trigger articles_listed' + (isPostgres(db) ? ' on articles' : '')).execute(db);
  for (const { table } of TOPICS) {
    await sql.raw(`drop trigger ${table}_listed` + (isPostgres(db) ? ` on ${table}` : '')).execute(db);
    await db.schema.dropIndex(`${table}_listing`).execute();
    await db.schema.alterTable(table).dropColumn('listed_at').execute();
  }
  if (isPostgres(db)) {
    await sql.raw('drop function herald_article_listed()').execute(db);
    await sql.raw('drop function herald_link_listed()').execute(db);
  }
}
