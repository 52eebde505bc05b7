/**
 * Each actor's key pairs, made once and kept in `federation_keys`: an RSA pair for HTTP
 * Signatures, what every fediverse server checks (first, so Fedify names it `#main-key` and
 * makes it the actor's `publicKey`), and an Ed25519 pair for object integrity proofs
 * (proofs.ts; `#multikey-2` among the actor's `assertionMethod`s). Followers' servers cache the
 * public halves, so they must not change between restarts.
 */
import type { Kysely } from 'kysely';
import { exportJwk, importJwk } from '@fedify/fedify';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';

const ALGORITHMS = ['RSASSA-PKCS1-v1_5', 'Ed25519'] as const;

function generate(algorithm: (typeof ALGORITHMS)[number]): Promise<CryptoKeyPair> {
  if (algorithm === 'Ed25519') return crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
  // 2048 bits, as Mastodon's own keys (Fedify's default of 4096 takes seconds to make on a busy machine).
  return crypto.subtle.generateKey({ name: algorithm, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
}

/**
 * Fedify's importJwk, but an Ed25519 key is imported here: Fedify 2.3's import of one reads the
 * global `navigator` (to spot Cloudflare Workers), which Node.js defines only from 21 on, so on
 * Node 20 it throws. The import itself is plain WebCrypto, which Node 20 does for Ed25519.
 */
function importKey(jwk: JsonWebKey, type: 'public' | 'private'): Promise<CryptoKey> {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return crypto.subtle.importKey('jwk', jwk, 'Ed25519', true, type === 'public' ? ['verify'] : ['sign']);
  return importJwk(jwk, type);
}

const cache = new WeakMap<object, Map<string, Promise<CryptoKeyPair[]>>>();

async function loadOrMake(db: Kysely<Schema>, actor: string): Promise<CryptoKeyPair[]> {
  const pairs: CryptoKeyPair[] = [];
  for (const algorithm of ALGORITHMS) {
    let row = await db.selectFrom('federation_keys').selectAll().where('actor', '=', actor).where('algorithm', '=', algorithm).executeTakeFirst();
    if (!row) {
      const made = await generate(algorithm);
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
    pairs.push({ publicKey: await importKey(JSON.parse(row.public_jwk), 'public'), privateKey: await importKey(JSON.parse(row.private_jwk), 'private') });
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
