/**
 * Each actor's key pair, made once and kept in `federation_keys`: an RSA pair for HTTP
 * Signatures, what every fediverse server checks. Followers' servers cache the public half,
 * so it must not change between restarts. (No Ed25519 pair for object integrity proofs yet:
 * Fedify 2.3's JWK import of one reads `navigator`, a global Node.js has only from 21 on.)
 */
import type { Kysely } from 'kysely';
import { exportJwk, importJwk } from '@fedify/fedify';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';

const ALGORITHMS = ['RSASSA-PKCS1-v1_5'] as const;

const cache = new WeakMap<object, Map<string, Promise<CryptoKeyPair[]>>>();

async function loadOrMake(db: Kysely<Schema>, actor: string): Promise<CryptoKeyPair[]> {
  const pairs: CryptoKeyPair[] = [];
  for (const algorithm of ALGORITHMS) {
    let row = await db.selectFrom('federation_keys').selectAll().where('actor', '=', actor).where('algorithm', '=', algorithm).executeTakeFirst();
    if (!row) {
      // 2048 bits, as Mastodon's own keys (Fedify's default of 4096 takes seconds to make on a busy machine).
      const made = await crypto.subtle.generateKey({ name: algorithm, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
      // Two processes may make one at once: the first stored wins and both read it back.
      await db
        .insertInto('federation_keys')
        .values({
          actor,
          algorithm,
          public_jwk: JSON.stringify(await exportJwk(made.publicKey)),
          private_jwk: JSON.stringify(await exportJwk(made.privateKey)),
          created_at: nowIso(),
        })
        .onConflict((oc) => oc.columns(['actor', 'algorithm']).doNothing())
        .execute();
      row = await db.selectFrom('federation_keys').selectAll().where('actor', '=', actor).where('algorithm', '=', algorithm).executeTakeFirstOrThrow();
    }
    pairs.push({ publicKey: await importJwk(JSON.parse(row.public_jwk), 'public'), privateKey: await importJwk(JSON.parse(row.private_jwk), 'private') });
  }
  return pairs;
}

/** The actor's key pairs (Fedify names the first `#main-key`), made on first use. */
export function actorKeyPairs(db: Kysely<Schema>, actor: string): Promise<CryptoKeyPair[]> {
  const known = cache.get(db) ?? new Map<string, Promise<CryptoKeyPair[]>>();
  cache.set(db, known);
  let pairs = known.get(actor);
  if (!pairs) {
    pairs = loadOrMake(db, actor);
    known.set(actor, pairs);
    pairs.catch(() => known.delete(actor));
  }
  return pairs;
}
