/**
 * Exposure counts (`shown`, `dismissed`) go straight into the rollups; no
 * per-event row. Only the widget shows surveys, so they count under `web`. A
 * flush of coalesced counts is written as one batch with its flush id, so a
 * retried batch whose first attempt did commit is refused by the id's key and
 * counts nothing twice.
 */
import { ROLLUP_KEY, rollupRowsSql } from '../../shared/rollups';
import { WEB_CHANNEL } from '../../shared/schemas/channel';
import type { EventBody } from '../../shared/schemas/response';
import { cappedSql, registerEventValue } from './values';

/** An event as counted: who the visitor is plays no part in the counts. */
export interface StoredEvent extends Omit<EventBody, 'user'> {
  country: string;
  device: string;
  at: number;
}

/**
 * Statements that add `shown` and `dismissed` to the rows shared/rollups.ts
 * names for events, the site's touchpoint and locale registered first in the
 * events' tier (past its cap they are counted empty). The capped values are
 * worked out once, in `v`.
 */
export function countEvents(db: D1Database, e: StoredEvent, shown: number, dismissed: number): D1PreparedStatement[] {
  const seconds = Math.floor(e.at / 1000);
  const count = db
    .prepare(
      `WITH v (touchpoint, locale) AS MATERIALIZED (SELECT ${cappedSql('touchpoint', '?9', '?3', 'event')}, ${cappedSql('locale', '?9', '?6', 'event')})
       INSERT INTO rollups (${ROLLUP_KEY}, shown, dismissed)
       SELECT ?1, r.grain, r.dim, ?2 - ?2 % r.grain, v.touchpoint, ?10, r.value, ?4, ?5
         FROM v CROSS JOIN (${rollupRowsSql('events', { locale: '(SELECT locale FROM v)', country: '?7', device: '?8' })}) AS r
        WHERE true
       ON CONFLICT (${ROLLUP_KEY}) DO UPDATE SET
         shown = shown + excluded.shown, dismissed = dismissed + excluded.dismissed`,
    )
    .bind(e.survey, seconds, e.touchpoint ?? '', shown, dismissed, e.locale ?? '', e.country, e.device, e.site, WEB_CHANNEL);
  return [registerEventValue(db, e.site, 'touchpoint', e.touchpoint ?? '', e.at), registerEventValue(db, e.site, 'locale', e.locale ?? '', e.at), count];
}

/** The first statement of a flush's batch: its id, written once. */
export function markFlush(db: D1Database, id: string, at: number): D1PreparedStatement {
  return db.prepare('INSERT INTO event_flushes (id, at) VALUES (?, ?)').bind(id, at);
}

/** Did a batch fail because its flush id was already written (an earlier attempt committed)? */
export function isCommittedFlush(error: unknown): boolean {
  return String(error).includes('UNIQUE constraint failed: event_flushes.id');
}

/** Flush ids older than any retry are of no more use. */
export async function pruneEventFlushes(db: D1Database, before: number): Promise<void> {
  await db.prepare('DELETE FROM event_flushes WHERE at < ?').bind(before).run();
}
