/**
 * Exposure counts (`shown`, `dismissed`) go straight into the rollups; no
 * per-event row. Only the widget shows surveys, so they count under `web`.
 */
import { GRAINS_SQL, ROLLUP_KEY, dimsSql } from '../../shared/rollups';
import { WEB_CHANNEL } from '../../shared/schemas/channel';
import type { EventBody } from '../../shared/schemas/response';

export interface StoredEvent extends EventBody {
  country: string;
  device: string;
  at: number;
}

/** One statement: every grain × dimension row of the event's bucket gains one. */
export function countEvent(db: D1Database, e: StoredEvent, times = 1): D1PreparedStatement {
  const shown = e.type === 'shown' ? times : 0;
  const dismissed = e.type === 'dismissed' ? times : 0;
  const seconds = Math.floor(e.at / 1000);
  return db
    .prepare(
      `INSERT INTO rollups (survey, grain, dim, start, touchpoint, channel, value, shown, dismissed)
       SELECT ?1, g.grain, d.dim, ?2 - ?2 % g.grain, ?3, ?9, d.value, ?4, ?5
         FROM (${GRAINS_SQL}) AS g
        CROSS JOIN (${dimsSql({ locale: '?6', country: '?7', device: '?8' })}) AS d
        WHERE true
       ON CONFLICT (${ROLLUP_KEY}) DO UPDATE SET
         shown = shown + excluded.shown, dismissed = dismissed + excluded.dismissed`,
    )
    .bind(e.survey, seconds, e.touchpoint ?? '', shown, dismissed, e.locale ?? '', e.country, e.device, WEB_CHANNEL);
}
