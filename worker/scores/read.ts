/** Read rollup rows for a plan: one query, whatever the number of ranges or surveys. */
import { HISTOGRAM_SLOTS } from '../../shared/kinds';
import type { Piece } from './plan';

export interface RollupRow {
  grain: number;
  start: number;
  touchpoint: string;
  value: string;
  hist: number[];
  shown: number;
  dismissed: number;
}

const HIST_COLUMNS = Array.from({ length: HISTOGRAM_SLOTS }, (_, i) => `r.h${i}`).join(', ');

export interface RollupRead {
  surveys: string[];
  /** '' reads the total rows; otherwise the rows of that dimension. */
  dim: '' | 'locale' | 'country' | 'device';
  touchpoint?: string;
  /** Distinct row ranges to read (see plan.ts `rangesOf`). */
  ranges: Piece[];
}

/**
 * Surveys and pieces travel as two JSON parameters (D1 allows 100 bound
 * parameters); CROSS JOIN makes SQLite loop over them outside, so every
 * range is one range scan of the primary key.
 */
export function rollupQuery(db: D1Database, read: RollupRead): D1PreparedStatement {
  const touchpointFilter = read.touchpoint === undefined ? '' : ' AND r.touchpoint = ?4';
  const sql = `SELECT r.grain, r.start, r.touchpoint, r.value, ${HIST_COLUMNS}, r.shown, r.dismissed
      FROM json_each(?1) AS s
     CROSS JOIN json_each(?2) AS p
     CROSS JOIN rollups AS r
     WHERE r.survey = s.value
       AND r.grain = json_extract(p.value, '$[0]')
       AND r.dim = ?3
       AND r.start >= json_extract(p.value, '$[1]')
       AND r.start < json_extract(p.value, '$[2]')${touchpointFilter}`;
  const params: unknown[] = [JSON.stringify(read.surveys), JSON.stringify(read.ranges.map((p) => [p.grain, p.lo, p.hi])), read.dim];
  if (read.touchpoint !== undefined) params.push(read.touchpoint);
  return db.prepare(sql).bind(...params);
}

type RawRow = Record<string, number | string>;

export function toRollupRows(results: RawRow[]): RollupRow[] {
  return results.map((row) => ({
    grain: row.grain as number,
    start: row.start as number,
    touchpoint: row.touchpoint as string,
    value: row.value as string,
    hist: Array.from({ length: HISTOGRAM_SLOTS }, (_, i) => row[`h${i}`] as number),
    shown: row.shown as number,
    dismissed: row.dismissed as number,
  }));
}
