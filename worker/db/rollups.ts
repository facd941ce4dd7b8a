/** Read rollup rows: one query per read, whatever the number of ranges or surveys, all in one batch. */
import { HISTOGRAM_SLOTS } from '../../shared/kinds';
import { ROLLUP_GRAINS, type RollupDim, type RollupRange } from '../../shared/rollups';
import { WEB_CHANNEL } from '../../shared/schemas/channel';

export interface RollupRow {
  grain: number;
  start: number;
  touchpoint: string;
  channel: string;
  value: string;
  hist: number[];
  /** Of the answers in `hist`, those from the widget: the ones a `shown` response rate counts. */
  webAnswers: number;
  shown: number;
  dismissed: number;
}

const HIST_SUMS = Array.from({ length: HISTOGRAM_SLOTS }, (_, i) => `SUM(r.h${i}) AS h${i}`).join(', ');
const WEB_ANSWERS = `SUM(CASE WHEN r.channel = '${WEB_CHANNEL}' THEN ${Array.from({ length: HISTOGRAM_SLOTS }, (_, i) => `r.h${i}`).join(' + ')} ELSE 0 END) AS web_answers`;

export interface RollupRead {
  surveys: string[];
  /** '' reads the total rows; otherwise the rows of that dimension. */
  dim: RollupDim;
  touchpoint?: string;
  channel?: string;
  /** The one key column whose values stay apart (a `group_by`); every other is summed over. */
  apart?: 'touchpoint' | 'channel' | 'value';
  /** Distinct row ranges to read (see scores/plan.ts `rangesOf`). */
  ranges: RollupRange[];
}

/**
 * Surveys and ranges travel as two JSON parameters (D1 allows 100 bound
 * parameters); CROSS JOIN makes SQLite loop over them outside, so every
 * range is one range scan of the primary key. Rows of one bucket start that
 * differ only in a key column no one asked to keep apart (the touchpoints
 * and channels of a total) are summed in SQL: the Worker receives one row
 * per start and group, however many touchpoints and channels a site has.
 */
function rollupQuery(db: D1Database, read: RollupRead): D1PreparedStatement {
  const params: unknown[] = [JSON.stringify(read.surveys), JSON.stringify(read.ranges.map((p) => [p.grain, p.lo, p.hi])), read.dim];
  // Key columns after `start` in the primary key: filters on them are checked within each range scan.
  let filters = '';
  for (const column of ['touchpoint', 'channel'] as const) {
    const value = read[column];
    if (value === undefined) continue;
    params.push(value);
    filters += ` AND r.${column} = ?${params.length}`;
  }
  const column = (name: 'touchpoint' | 'channel' | 'value') => (read.apart === name ? `r.${name}` : `''`);
  const sql = `SELECT r.grain, r.start, ${column('touchpoint')} AS touchpoint, ${column('channel')} AS channel, ${column('value')} AS value,
            ${HIST_SUMS}, ${WEB_ANSWERS}, SUM(r.shown) AS shown, SUM(r.dismissed) AS dismissed
      FROM json_each(?1) AS s
     CROSS JOIN json_each(?2) AS p
     CROSS JOIN rollups AS r
     WHERE r.survey = s.value
       AND r.grain = json_extract(p.value, '$[0]')
       AND r.dim = ?3
       AND r.start >= json_extract(p.value, '$[1]')
       AND r.start < json_extract(p.value, '$[2]')${filters}
     GROUP BY r.grain, r.start${read.apart ? `, r.${read.apart}` : ''}`;
  return db.prepare(sql).bind(...params);
}

type RawRow = Record<string, number | string>;

function toRollupRow(row: RawRow): RollupRow {
  return {
    grain: row.grain as number,
    start: row.start as number,
    touchpoint: row.touchpoint as string,
    channel: row.channel as string,
    value: row.value as string,
    hist: Array.from({ length: HISTOGRAM_SLOTS }, (_, i) => row[`h${i}`] as number),
    webAnswers: row.web_answers as number,
    shown: row.shown as number,
    dismissed: row.dismissed as number,
  };
}

/** The rows of each read, in order, and D1's `rows_read` summed over them: the cost of the answer. */
export async function readRollups(db: D1Database, reads: RollupRead[]): Promise<{ rows: RollupRow[][]; rowsRead: number }> {
  const live = reads.filter((read) => read.surveys.length > 0);
  if (live.length === 0) return { rows: reads.map(() => []), rowsRead: 0 };
  const answers = await db.batch<RawRow>(live.map((read) => rollupQuery(db, read)));
  let next = 0;
  return {
    rows: reads.map((read) => (read.surveys.length > 0 ? answers[next++]!.results.map(toRollupRow) : [])),
    rowsRead: answers.reduce((sum, a) => sum + (a.meta.rows_read ?? 0), 0),
  };
}

const HIST_SUM = Array.from({ length: HISTOGRAM_SLOTS }, (_, i) => `h${i}`).join(' + ');

/**
 * Does this survey have answers? Its daily total rows say so through their
 * histograms: a survey that was only shown (events, no answers) has rows with
 * an empty histogram. A primary-key range scan, not a look through responses.
 */
export async function hasResponses(db: D1Database, survey: string): Promise<boolean> {
  const row = await db
    .prepare(`SELECT 1 FROM rollups WHERE survey = ? AND grain = ${ROLLUP_GRAINS[0]} AND dim = '' AND ${HIST_SUM} > 0 LIMIT 1`)
    .bind(survey)
    .first();
  return row !== null;
}

/**
 * Touchpoints and channels the surveys' answers and exposure events used
 * since `since` (Unix seconds), most used first: one range scan of the daily
 * total rows per survey.
 */
export async function seenValues(db: D1Database, surveys: string[], since: number): Promise<{ touchpoints: string[]; channels: string[] }> {
  if (surveys.length === 0) return { touchpoints: [], channels: [] };
  const { results } = await db
    .prepare(
      `SELECT r.touchpoint, r.channel, SUM(${HIST_SUM} + r.shown) AS n
         FROM json_each(?1) AS s CROSS JOIN rollups AS r
        WHERE r.survey = s.value AND r.grain = ${ROLLUP_GRAINS[0]} AND r.dim = '' AND r.start >= ?2
        GROUP BY r.touchpoint, r.channel`,
    )
    .bind(JSON.stringify(surveys), since)
    .all<{ touchpoint: string; channel: string; n: number }>();
  const ranked = (field: 'touchpoint' | 'channel') => {
    const totals = new Map<string, number>();
    for (const row of results) if (row.n > 0 && row[field] !== '') totals.set(row[field], (totals.get(row[field]) ?? 0) + row.n);
    return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value]) => value);
  };
  return { touchpoints: ranked('touchpoint'), channels: ranked('channel') };
}
