/**
 * Object integrity proofs (FEP-8b32): every activity Herald sends carries a `proof` made with
 * its actor's Ed25519 key (keys.ts), so a server that receives it from someone else (a boost,
 * a relay) can check it came from the edition. HTTP Signatures (RSA, transport.ts) stay what
 * Mastodon checks; Fedify-based servers check both.
 */
import { signObject, type Context } from '@fedify/fedify';
import { Activity } from '@fedify/vocab';
import type { FederationData } from './context.js';

/** The activity's JSON-LD with a proof by `actor` (a site language); one that has a proof already is left as it is. */
export async function withProof(ctx: Context<FederationData>, actor: string, payload: string): Promise<string> {
  const json = JSON.parse(payload) as Record<string, unknown>;
  if (json.proof) return payload;
  const key = (await ctx.getActorKeyPairs(actor)).find((pair) => pair.privateKey.algorithm.name === 'Ed25519');
  if (!key) return payload;
  const loaders = { documentLoader: ctx.contextLoader, contextLoader: ctx.contextLoader };
  const activity = await Activity.fromJsonLd(json, loaders);
  // Named by its Multikey, the id the actor lists it under as an assertion method.
  const signed = await signObject(activity, key.privateKey, key.multikey.id!, { contextLoader: ctx.contextLoader });
  return JSON.stringify(await signed.toJsonLd({ format: 'compact', contextLoader: ctx.contextLoader }));
}
