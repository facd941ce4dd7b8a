/**
 * The touchpoints and locales a site has used ("value slots"), capped per
 * site in two tiers: values answers (or the admin) brought, and values only
 * exposure events brought. Events carry no quota, so they may fill only
 * their own tier and never block the touchpoints of real answers. A value is
 * stored as sent when the site knows it or its tier still has room, and
 * empty otherwise: the answer or count is kept either way. What was stored
 * is then registered: by a trigger for answers (only when the answer is
 * stored, so a refused or replayed one registers nothing), by the flush for
 * events, by the admin for the journey and minted links (never capped).
 *
 * Each slot keeps its strongest source (journey > link > answers > events)
 * and the UTC day it was last seen. The day is written only when it changes,
 * so an answer on a known value writes no row here; a slot unseen for
 * `VALUE_UNSEEN_DAYS` frees itself (the maintenance cron), except the
 * journey's, which the admin holds.
 */
import { LOCALES_PER_SITE, TOUCHPOINTS_PER_SITE } from '../../shared/limits';
import type { ValueField, ValueSource } from '../../shared/schemas/values';
import { type AuditRecord, auditStatement } from './audit';

export type CappedField = ValueField;

/** Which writer brings a value: an answer (or the admin), or exposure events. */
export type Tier = 'answer' | 'event';

export const CAPS: Record<CappedField, number> = { touchpoint: TOUCHPOINTS_PER_SITE, locale: LOCALES_PER_SITE };

/** Slots not seen for longer than this many days are freed. */
const VALUE_UNSEEN_DAYS = 30;

const BY_ANSWER: Record<Tier, number> = { answer: 1, event: 0 };

const DAY_MS = 86_400_000;
const dayOf = (at: number): number => Math.floor(at / DAY_MS);

/** SQL ranking a source expression (the same order as the answers' trigger in migrations/0008). */
const rank = (source: string) => `CASE ${source} WHEN 'journey' THEN 3 WHEN 'link' THEN 2 WHEN 'answers' THEN 1 ELSE 0 END`;

/** Register a value exposure events brought, unless it is empty or new to a full tier; a known one is seen today. */
export function registerEventValue(db: D1Database, site: string, field: CappedField, value: string, at: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO site_values (site, dim, value, by_answer, source, last_seen)
       SELECT ?1, ?2, ?3, 0, 'events', ?5
        WHERE ?3 != ''
          AND (EXISTS (SELECT 1 FROM site_values WHERE site = ?1 AND dim = ?2 AND value = ?3)
               OR (SELECT COUNT(*) FROM site_values WHERE site = ?1 AND dim = ?2 AND by_answer = 0) < ?4)
       ON CONFLICT (site, dim, value) DO UPDATE SET last_seen = excluded.last_seen WHERE last_seen < excluded.last_seen`,
    )
    .bind(site, field, value, CAPS[field], dayOf(at));
}

/**
 * Register values the admin named (the journey's, a minted link's) whatever
 * the cap, in the answers' tier: one statement for any number of values.
 */
export function registerValues(db: D1Database, site: string, field: CappedField, values: readonly string[], source: 'journey' | 'link', at: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO site_values (site, dim, value, by_answer, source, last_seen)
       SELECT ?1, ?2, value, 1, ?3, ?4 FROM json_each(?5) WHERE true
       ON CONFLICT (site, dim, value) DO UPDATE SET
         by_answer = 1,
         source = CASE WHEN ${rank('excluded.source')} > ${rank('source')} THEN excluded.source ELSE source END,
         last_seen = max(last_seen, excluded.last_seen)
       WHERE by_answer = 0 OR last_seen < excluded.last_seen OR ${rank('excluded.source')} > ${rank('source')}`,
    )
    .bind(site, field, source, dayOf(at), JSON.stringify([...new Set(values)]));
}

/** Touchpoints that left the journey are no longer the journey's: they age like any other. */
export function releaseJourney(db: D1Database, site: string, journey: readonly string[]): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE site_values SET source = 'answers'
        WHERE site = ?1 AND dim = 'touchpoint' AND source = 'journey' AND value NOT IN (SELECT value FROM json_each(?2))`,
    )
    .bind(site, JSON.stringify(journey));
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

export interface ValueSlot {
  value: string;
  source: ValueSource;
  /** Unix ms: the start of the UTC day it was last seen. */
  lastSeen: number;
}

/** A site's slots, per field, in value order. */
export async function listValues(db: D1Database, site: string): Promise<Record<CappedField, ValueSlot[]>> {
  const { results } = await db
    .prepare('SELECT dim, value, source, last_seen FROM site_values WHERE site = ? ORDER BY dim, value')
    .bind(site)
    .all<{ dim: CappedField; value: string; source: ValueSource; last_seen: number }>();
  const slots: Record<CappedField, ValueSlot[]> = { touchpoint: [], locale: [] };
  for (const row of results) slots[row.dim]?.push({ value: row.value, source: row.source, lastSeen: row.last_seen * DAY_MS });
  return slots;
}

export type FreeOutcome = 'freed' | 'not_found' | 'journey';

/** Free one slot (answers stored with it keep their value). The journey's are the admin's: freed by editing the journey. */
export async function freeValue(db: D1Database, site: string, field: CappedField, value: string, audit: AuditRecord): Promise<FreeOutcome> {
  const [deleted, , left] = await db.batch<{ source: string }>([
    db.prepare("DELETE FROM site_values WHERE site = ?1 AND dim = ?2 AND value = ?3 AND source != 'journey' RETURNING source").bind(site, field, value),
    auditStatement(db, audit, { ifChanged: true }),
    db.prepare('SELECT source FROM site_values WHERE site = ?1 AND dim = ?2 AND value = ?3').bind(site, field, value),
  ]);
  if ((deleted?.results.length ?? 0) > 0) return 'freed';
  return (left?.results.length ?? 0) > 0 ? 'journey' : 'not_found';
}

/** Free every slot (but the journey's) not seen for more than `VALUE_UNSEEN_DAYS` whole days. Reads the whole table. */
export async function pruneUnseenValues(db: D1Database, now: number): Promise<void> {
  await db
    .prepare("DELETE FROM site_values WHERE last_seen < ? AND source != 'journey'")
    .bind(dayOf(now) - VALUE_UNSEEN_DAYS)
    .run();
}
