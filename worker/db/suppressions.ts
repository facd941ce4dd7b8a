/**
 * Users a site erased, as keyed hashes (links/suppression.ts), never their
 * ids: their links answer 410 and store nothing (db/links.ts reads the list
 * with the link's survey; db/responses.ts checks it in the insert itself).
 */

/** Add a user's hashes (one per link key in use) to the site's list. */
export async function suppressUser(db: D1Database, site: string, hashes: readonly string[], now: number): Promise<void> {
  if (hashes.length === 0) return;
  await db
    .prepare('INSERT OR IGNORE INTO suppressed_users (site, hash, at) SELECT ?1, value, ?3 FROM json_each(?2)')
    .bind(site, JSON.stringify(hashes), now)
    .run();
}
