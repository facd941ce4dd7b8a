/**
 * Read rollup rows, and the answers of the stretches under an hour that
 * visitor rows do not hold: one query per read, whatever the number of
 * ranges or surveys, all in one batch.
 */
import { HISTOGRAM_SLOTS } from '../../shared/kinds';
import { GRAIN, type ReadDim, type RollupRange, type VisitorField, visitorFieldSql } from '../../shared/rollups';
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

/** What a read may keep apart: a key column, a field of the visitor rows, or the rows' own value (a reason's id). */
export type Apart = 'touchpoint' | 'channel' | VisitorField | 'value';

export interface RollupRead {
  surveys: string[];
  /** '' reads the total rows; 'visitor' the rows of locale, country and device; 'reason' the reasons' rows. */
  dim: ReadDim;
  touchpoint?: string;
  channel?: string;
  /** Only rows of this value (a reason's id). */
  value?: string;
  /**
   * The one key whose values stay apart (a `group_by`), returned as `value`
   * when it is a visitor field or the rows' own value (a reason's id);
   * everything else is summed over.
   */
  apart?: Apart;
  /** Distinct row ranges to read (see scores/plan.ts `rangesOf`). */
  ranges: RollupRange[];
}

/** SQL of the returned key columns, the kept-apart key (grouped by) and the condition a row must meet to say it. */
function apartSql(apart: Apart | undefined): { touchpoint: string; channel: string; value: string; key: string | null; says: string } {
  const none = { touchpoint: `''`, channel: `''`, value: `''`, key: null, says: '' };
  if (apart === undefined) return none;
  if (apart === 'touchpoint' || apart === 'channel') return { ...none, [apart]: `r.${apart}`, key: `r.${apart}` };
  if (apart === 'value') return { ...none, value: 'r.value', key: 'r.value' };
  // Visitor rows carried over from per-dimension rows hold one field and null for the others.
  const field = visitorFieldSql(apart);
  return { ...none, value: field, key: field, says: ` AND ${field} IS NOT NULL` };
}

/** `AND r.touchpoint = ?4 …` for the filters a read has, their values appended to `params`. */
function keyFilters(read: { touchpoint?: string; channel?: string }, params: unknown[]): string {
  let filters = '';
  for (const column of ['touchpoint', 'channel'] as const) {
    const value = read[column];
    if (value === undefined) continue;
    params.push(value);
    filters += ` AND r.${column} = ?${params.length}`;
  }
  return filters;
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
  let filters = keyFilters(read, params);
  if (read.value !== undefined) {
    params.push(read.value);
    filters += ` AND r.value = ?${params.length}`;
  }
  const apart = apartSql(read.apart);
  const sql = `SELECT r.grain, r.start, ${apart.touchpoint} AS touchpoint, ${apart.channel} AS channel, ${apart.value} AS value,
            ${HIST_SUMS}, ${WEB_ANSWERS}, SUM(r.shown) AS shown, SUM(r.dismissed) AS dismissed
      FROM json_each(?1) AS s
     CROSS JOIN json_each(?2) AS p
     CROSS JOIN rollups AS r
     WHERE r.survey = s.value
       AND r.grain = json_extract(p.value, '$[0]')
       AND r.dim = ?3
       AND r.start >= json_extract(p.value, '$[1]')
       AND r.start < json_extract(p.value, '$[2]')${filters}${apart.says}
     GROUP BY r.grain, r.start${apart.key ? `, ${apart.key}` : ''}`;
  return db.prepare(sql).bind(...params);
}

/**
 * Answers of stretches under an hour, straight from the answers: a visitor
 * field's groups at a range edge that is not on the hour (a half-hour zone's
 * midnight), where visitor rows (days and hours) cannot reach.
 */
export interface SliverRead {
  site: string;
  surveys: string[];
  touchpoint?: string;
  channel?: string;
  apart: VisitorField;
  /** [lo, hi) in Unix seconds, each under an hour. */
  slivers: { lo: number; hi: number }[];
}

/** A sliver's answers of one value: `sliver` indexes the read's slivers. */
export interface SliverRow {
  sliver: number;
  value: string;
  hist: number[];
  /** Of the answers in `hist`, those from the widget (see RollupRow). */
  webAnswers: number;
}

const SCORE_COUNTS = Array.from({ length: HISTOGRAM_SLOTS }, (_, i) => `SUM(r.score = ${i}) AS h${i}`).join(', ');

/** One range scan of the site's answers by time per sliver (responses_by_time). */
function sliverQuery(db: D1Database, read: SliverRead): D1PreparedStatement {
  const params: unknown[] = [read.site, JSON.stringify(read.slivers.map((s) => [s.lo * 1000, s.hi * 1000])), JSON.stringify(read.surveys)];
  const filters = keyFilters(read, params);
  const sql = `SELECT p.key AS sliver, r.${read.apart} AS value, ${SCORE_COUNTS}, SUM(r.channel = '${WEB_CHANNEL}') AS web_answers
      FROM json_each(?2) AS p
     CROSS JOIN responses AS r
     WHERE r.site = ?1
       AND r.created_at >= json_extract(p.value, '$[0]')
       AND r.created_at < json_extract(p.value, '$[1]')
       AND r.survey IN (SELECT value FROM json_each(?3))${filters}
     GROUP BY 1, 2`;
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

function toSliverRow(row: RawRow): SliverRow {
  return {
    sliver: row.sliver as number,
    value: row.value as string,
    hist: Array.from({ length: HISTOGRAM_SLOTS }, (_, i) => row[`h${i}`] as number),
    webAnswers: row.web_answers as number,
  };
}

export interface ScoresRows {
  rows: RollupRow[][];
  sliverRows: SliverRow[][];
  /** D1's `rows_read` summed over every query: the cost of the answer. */
  rowsRead: number;
}

/** The rows of each read and each sliver read, in order, from one batch. */
export async function readRollups(db: D1Database, reads: RollupRead[], sliverReads: SliverRead[] = []): Promise<ScoresRows> {
  const statements: D1PreparedStatement[] = [];
  const liveRead = (read: RollupRead) => read.surveys.length > 0;
  const liveSlivers = (read: SliverRead) => read.surveys.length > 0 && read.slivers.length > 0;
  for (const read of reads) if (liveRead(read)) statements.push(rollupQuery(db, read));
  for (const read of sliverReads) if (liveSlivers(read)) statements.push(sliverQuery(db, read));
  const answers = statements.length > 0 ? await db.batch<RawRow>(statements) : [];
  let next = 0;
  return {
    rows: reads.map((read) => (liveRead(read) ? answers[next++]!.results.map(toRollupRow) : [])),
    sliverRows: sliverReads.map((read) => (liveSlivers(read) ? answers[next++]!.results.map(toSliverRow) : [])),
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
    .prepare(`SELECT 1 FROM rollups WHERE survey = ? AND grain = ${GRAIN.day} AND dim = '' AND ${HIST_SUM} > 0 LIMIT 1`)
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
        WHERE r.survey = s.value AND r.grain = ${GRAIN.day} AND r.dim = '' AND r.start >= ?2
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
