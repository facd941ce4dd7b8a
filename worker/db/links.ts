/** What a link's page reads of its answer: whether there is one yet, and whether it may still get a comment. */
export interface LinkAnswer {
  score: number;
  commented: boolean;
  /** Unix ms. */
  createdAt: number;
}

/** The answer stored under a link's answer id on this site, if any. One primary-key read. */
export async function findLinkAnswer(db: D1Database, site: string, id: string): Promise<LinkAnswer | null> {
  const row = await db
    .prepare('SELECT score, comment IS NOT NULL AS commented, created_at FROM responses WHERE id = ? AND site = ?')
    .bind(id, site)
    .first<{ score: number; commented: number; created_at: number }>();
  return row ? { score: row.score, commented: row.commented === 1, createdAt: row.created_at } : null;
}
