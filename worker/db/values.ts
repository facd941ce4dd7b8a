/**
 * The touchpoints and locales a site has used, capped per site. A value is
 * stored as sent when the site knows it or is still under its cap, and empty
 * otherwise: the answer or count is kept either way. What was stored is then
 * registered: by a trigger for answers (only when the answer is stored, so a
 * refused or replayed one registers nothing), by the flush for events.
 */
import { LOCALES_PER_SITE, TOUCHPOINTS_PER_SITE } from '../../shared/limits';

export type CappedField = 'touchpoint' | 'locale';

export const CAPS: Record<CappedField, number> = { touchpoint: TOUCHPOINTS_PER_SITE, locale: LOCALES_PER_SITE };

/** Register `value` for the site unless it is empty or the site has reached its cap. */
export function registerValue(db: D1Database, site: string, field: CappedField, value: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO site_values (site, dim, value)
       SELECT ?1, ?2, ?3 WHERE ?3 != '' AND (SELECT COUNT(*) FROM site_values WHERE site = ?1 AND dim = ?2) < ?4`,
    )
    .bind(site, field, value, CAPS[field]);
}

/** Register values whatever the cap (an admin naming them, as in a journey). */
export function registerValues(db: D1Database, site: string, field: CappedField, values: readonly string[]): D1PreparedStatement[] {
  const insert = db.prepare('INSERT OR IGNORE INTO site_values (site, dim, value) VALUES (?, ?, ?)');
  return values.map((value) => insert.bind(site, field, value));
}

/**
 * SQL for the value as stored: itself when the site knows it or is under its
 * cap, else ''. `site` and `value` are SQL expressions (parameters such as `?2`).
 */
export function cappedSql(field: CappedField, site: string, value: string): string {
  return `CASE WHEN ${value} = ''
    OR EXISTS (SELECT 1 FROM site_values WHERE site = ${site} AND dim = '${field}' AND value = ${value})
    OR (SELECT COUNT(*) FROM site_values WHERE site = ${site} AND dim = '${field}') < ${CAPS[field]}
    THEN ${value} ELSE '' END`;
}
