import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The queues (webhooks, fediverse deliveries and Fedify's messages) lock a row by setting its
 * `locked_until`; a process that died holding it lets the lease run out. This is the one
 * definition of a row no live process holds at `now` (an ISO time), for the table being queried.
 */
export function leaseFree(now: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(locked_until is null or locked_until < ${now})`;
}
