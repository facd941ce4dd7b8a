/**
 * The site cooldown's index (docs/contract.md §15): per site and identified
 * visitor (a keyed hash of the user id, never the id), when that visitor was
 * last shown a survey or answered one. One row by its key, read by
 * POST /v1/due; written only for sites with a cooldown.
 */

/** Take `at` as the visitor's latest moment, unless a later one is already kept. */
const UPSERT = `INSERT INTO cooldowns (site, visitor, last_at) VALUES (?1, ?2, ?3)
  ON CONFLICT (site, visitor) DO UPDATE SET last_at = max(last_at, excluded.last_at)`;

/** The statement an answer's transaction ends with: it writes only if the statement before it changed a row. */
export function afterStoredAnswer(db: D1Database, site: string, visitor: string, at: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO cooldowns (site, visitor, last_at) SELECT ?1, ?2, ?3 WHERE changes() = 1
       ON CONFLICT (site, visitor) DO UPDATE SET last_at = max(last_at, excluded.last_at)`,
    )
    .bind(site, visitor, at);
}

/** A survey was shown to the visitor at `at`. */
export async function markShown(db: D1Database, site: string, visitor: string, at: number): Promise<void> {
  await db.prepare(UPSERT).bind(site, visitor, at).run();
}

/** When the visitor was last asked or answered on this site (ms), or null. */
export async function lastAsked(db: D1Database, site: string, visitor: string): Promise<number | null> {
  const row = await db.prepare('SELECT last_at FROM cooldowns WHERE site = ? AND visitor = ?').bind(site, visitor).first<{ last_at: number }>();
  return row?.last_at ?? null;
}

/** Erasing a user erases their row too. */
export async function forgetVisitor(db: D1Database, site: string, visitor: string): Promise<void> {
  await db.prepare('DELETE FROM cooldowns WHERE site = ? AND visitor = ?').bind(site, visitor).run();
}
