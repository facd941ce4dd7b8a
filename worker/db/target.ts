/** What every public write needs to know first: does the site exist, may this origin write, which survey is it. */
import type { Kind } from '../../shared/kinds';
import type { Reasons } from '../../shared/schemas/reasons';

/** What a posted choice of reasons is checked against. */
export interface ReasonChoice {
  ids: string[];
  multiple: boolean;
}

export interface Target {
  origins: string[];
  /** The site's cooldown in days (0: none). */
  cooldownDays: number;
  /**
   * Null when the survey is not one of this site's. `pausedAt`: ms, null
   * while active; `reasons`: its options, null when it asks none;
   * `touchpoint`: the survey's own, for answers and events that name none.
   */
  survey: { kind: Kind; pausedAt: number | null; reasons: ReasonChoice | null; touchpoint: string | null } | null;
}

/** Site and (optionally) survey in one query. Null when the site is unknown. */
export async function loadTarget(db: D1Database, site: string, survey: string | null): Promise<Target | null> {
  const row = await db
    .prepare(
      `SELECT s.origins, s.cooldown_days, v.kind, v.active, v.paused_at, json_extract(v.definition, '$.reasons') AS reasons,
              json_extract(v.definition, '$.touchpoint') AS touchpoint
         FROM sites AS s LEFT JOIN surveys AS v ON v.site = s.key AND v.id = ?
        WHERE s.key = ?`,
    )
    .bind(survey ?? '', site)
    .first<{ origins: string; cooldown_days: number; kind: Kind | null; active: number | null; paused_at: number | null; reasons: string | null; touchpoint: string | null }>();
  if (!row) return null;
  const reasons = row.reasons === null ? null : (JSON.parse(row.reasons) as Reasons);
  return {
    origins: JSON.parse(row.origins) as string[],
    cooldownDays: row.cooldown_days,
    survey: row.kind
      ? {
          kind: row.kind,
          // A paused survey from before pauses had a time counts as paused long ago.
          pausedAt: row.active === 1 ? null : (row.paused_at ?? 0),
          reasons: reasons && { ids: reasons.options.map((o) => o.id), multiple: reasons.multiple },
          touchpoint: row.touchpoint,
        }
      : null,
  };
}
