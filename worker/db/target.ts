/** What every public write needs to know first: does the site exist, may this origin write, which survey is it. */
import type { Kind } from '../../shared/kinds';

export interface Target {
  origins: string[];
  /** Null when the survey is not one of this site's. `pausedAt`: ms, null while active. */
  survey: { kind: Kind; pausedAt: number | null } | null;
}

/** Site and (optionally) survey in one query. Null when the site is unknown. */
export async function loadTarget(db: D1Database, site: string, survey: string | null): Promise<Target | null> {
  const row = await db
    .prepare(
      `SELECT s.origins, v.kind, v.active, v.paused_at
         FROM sites AS s LEFT JOIN surveys AS v ON v.site = s.key AND v.id = ?
        WHERE s.key = ?`,
    )
    .bind(survey ?? '', site)
    .first<{ origins: string; kind: Kind | null; active: number | null; paused_at: number | null }>();
  if (!row) return null;
  return {
    origins: JSON.parse(row.origins) as string[],
    // A paused survey from before pauses had a time counts as paused long ago.
    survey: row.kind ? { kind: row.kind, pausedAt: row.active === 1 ? null : (row.paused_at ?? 0) } : null,
  };
}
