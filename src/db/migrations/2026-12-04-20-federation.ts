import type { Kysely } from 'kysely';
import { withId } from '../columns.js';

// The fediverse (src/federation/): each site language is an ActivityPub actor. Fedify keeps its
// caches and idempotence marks in a key–value table and its inbox work in a queue table, both
// here so that one database holds everything and a restart forgets nothing. What Herald itself
// sends (a story as an Article, an Accept) is an activity row fanned out into one delivery per
// follower inbox, sent by the delivery worker with retries, as webhook deliveries are.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('federation_kv')
    // The Fedify key (an array of strings) as JSON.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('federation_queue'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('deliver_after', 'text', (c) => c.notNull())
    // A claim by one process; a claim past its time (the process died) is taken again.
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('federation_queue_due').on('federation_queue').columns(['deliver_after']).execute();

  // One key pair per actor and algorithm, made once: followers cache the public half.
  await db.schema
    .createTable('federation_keys')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('private_jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('federation_keys_pk', ['actor', 'algorithm'])
    .execute();

  await withId(db, db.schema.createTable('federation_followers'))
    // The followed actor: a site language.
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('follower_uri', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('inbox', 'text', (c) => c.notNull())
    .addColumn('shared_inbox', 'text')
    .addColumn('follow_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('federation_followers_unique', ['actor', 'follower_uri'])
    .execute();
  await db.schema.createIndex('federation_followers_inbox').on('federation_followers').columns(['inbox']).execute();

  await withId(db, db.schema.createTable('federation_activities'))
    .addColumn('activity_id', 'text', (c) => c.notNull().unique())
    .addColumn('actor', 'text', (c) => c.notNull())
    // 'Create', 'Update', 'Delete' (of a story), 'Accept' (of a Follow) …
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer')
    // Set: sent to this inbox only (an Accept); null: to every follower of the actor.
    .addColumn('recipient_inbox', 'text')
    // The JSON-LD sent; for a story it is written when the activity is fanned out.
    .addColumn('payload', 'text')
    // 'pending' until fanned out into deliveries, then 'fanned'.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('fanned_out_at', 'text')
    .execute();
  await db.schema.createIndex('federation_activities_status').on('federation_activities').columns(['status', 'id']).execute();
  await db.schema.createIndex('federation_activities_article').on('federation_activities').columns(['article_id']).execute();

  await withId(db, db.schema.createTable('federation_deliveries'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('federation_activities.id').onDelete('cascade'))
    .addColumn('inbox', 'text', (c) => c.notNull())
    // 'pending', 'delivered', 'failed' (gave up), 'gone' (the inbox answered 410: its followers removed).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addUniqueConstraint('federation_deliveries_unique', ['activity_id', 'inbox'])
    .execute();
  await db.schema.createIndex('federation_deliveries_due').on('federation_deliveries').columns(['status', 'next_attempt_at']).execute();

  // Every inbound activity handled, once: its id is the idempotence key.
  await withId(db, db.schema.createTable('federation_inbox'))
    .addColumn('activity_id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    // The local actor whose inbox received it (null: the shared inbox).
    .addColumn('recipient', 'text')
    .addColumn('actor_uri', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['federation_inbox', 'federation_deliveries', 'federation_activities', 'federation_followers', 'federation_keys', 'federation_queue', 'federation_kv']) {
    await db.schema.dropTable(table).execute();
  }
}
