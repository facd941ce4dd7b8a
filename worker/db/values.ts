/**
 * The touchpoints and locales a site has used, capped per site in two tiers:
 * values answers (or the admin) brought, and values only exposure events
 * brought. Events carry no quota, so they may fill only their own tier and
 * never block the touchpoints of real answers. A value is stored as sent
 * when the site knows it or its tier still has room, and empty otherwise:
 * the answer or count is kept either way. What was stored is then
 * registered: by a trigger for answers (only when the answer is stored, so a
 * refused or replayed one registers nothing), by the flush for events.
 */
import { LOCALES_PER_SITE, TOUCHPOINTS_PER_SITE } from '../../shared/limits';

export type CappedField = 'touchpoint' | 'locale';

/** Which writer brings a value: an answer (or the admin), or exposure events. */
export type Tier = 'answer' | 'event';

export const CAPS: Record<CappedField, number> = { touchpoint: TOUCHPOINTS_PER_SITE, locale: LOCALES_PER_SITE };

const BY_ANSWER: Record<Tier, number> = { answer: 1, event: 0 };

/** Register a value exposure events brought, unless it is empty, known, or their tier is full. */
export function registerEventValue(db: D1Database, site: string, field: CappedField, value: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO site_values (site, dim, value, by_answer)
       SELECT ?1, ?2, ?3, 0 WHERE ?3 != '' AND (SELECT COUNT(*) FROM site_values WHERE site = ?1 AND dim = ?2 AND by_answer = 0) < ?4`,
    )
    .bind(site, field, value, CAPS[field]);
}

/** Register values whatever the cap, in the answers' tier (an admin naming them, as in a journey). */
export function registerValues(db: D1Database, site: string, field: CappedField, values: readonly string[]): D1PreparedStatement[] {
  const insert = db.prepare(
    `INSERT INTO site_values (site, dim, value, by_answer) VALUES (?, ?, ?, 1)
     ON CONFLICT (site, dim, value) DO UPDATE SET by_answer = 1`,
  );
  return values.map((value) => insert.bind(site, field, value));
}

/**
 * SQL for the value as stored: itself when the site knows it (an answer
 * needs it known to the answers' tier; an event, known at all) or its tier
 * is under the cap, else ''. `site` and `value` are SQL expressions
 * (parameters such as `?2`).
 */
export function cappedSql(field: CappedField, site: string, value: string, tier: Tier): string {
  const known = tier === 'answer' ? ' AND by_answer = 1' : '';
  return `CASE WHEN ${value} = ''
    OR EXISTS (SELECT 1 FROM site_values WHERE site = ${site} AND dim = '${field}' AND value = ${value}${known})
    OR (SELECT COUNT(*) FROM site_values WHERE site = ${site} AND dim = '${field}' AND by_answer = ${BY_ANSWER[tier]}) < ${CAPS[field]}
    THEN ${value} ELSE '' END`;
}
