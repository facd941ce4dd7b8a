/**
 * Raw responses, oldest or newest first, by keyset pagination over
 * (created_at, id): constant memory, and stable under concurrent inserts.
 * Filters serve both the export and the console's comments feed.
 */
import type { Kind } from '../../shared/kinds';
import type { Channel } from '../../shared/schemas/channel';
import type { ExportedResponse } from '../../shared/schemas/export';
import { FOLDS } from '../../shared/search';

/** A position in the export order. */
export interface ExportKey {
  at: number;
  id: string;
}

/** Scores from `min` to `max` (inclusive), of one kind or (no kind) of any. */
export interface ScoreRange {
  kind?: Kind;
  min: number;
  max: number;
}

export interface ExportFilter {
  site: string;
  from: number;
  to: number;
  order: 'asc' | 'desc';
  survey?: string;
  kind?: Kind;
  channel?: Channel;
  touchpoint?: string;
  hasComment?: boolean;
  /** Answers in any of these ranges (a band, a score range, or both). */
  scores?: ScoreRange[];
  /** Folded with foldForSearch: comments containing it, folded the same way. */
  search?: string;
}

/** The comment as searched, in SQL: foldForSearch's steps (ASCII case; Persian and Arabic have none). */
const FOLDED_COMMENT = FOLDS.reduce((sql, [from, to]) => `replace(${sql}, '${from}', '${to}')`, 'lower(comment)');

interface Sql {
  sql: string;
  params: unknown[];
}

/**
 * What an index reads: the site, the time range, the position after the
 * cursor, and (for comments) the index of commented answers.
 */
function scanned(filter: ExportFilter, after: ExportKey | null): Sql {
  const clauses = ['site = ?', 'created_at >= ?', 'created_at < ?'];
  const params: unknown[] = [filter.site, filter.from, filter.to];
  // `comment IS NOT NULL` lets SQLite read the index of commented answers only.
  if (filter.hasComment === true || filter.search !== undefined) clauses.push('comment IS NOT NULL');
  if (after) {
    clauses.push(`(created_at, id) ${filter.order === 'asc' ? '>' : '<'} (?, ?)`);
    params.push(after.at, after.id);
  }
  return { sql: clauses.join(' AND '), params };
}

/** The filters checked on each row read: an SQL condition ('1' when there are none). */
function matching(filter: ExportFilter): Sql {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const equal = (column: string, value: unknown) => {
    if (value === undefined) return;
    clauses.push(`${column} = ?`);
    params.push(value);
  };
  equal('survey', filter.survey);
  equal('kind', filter.kind);
  equal('channel', filter.channel);
  equal('touchpoint', filter.touchpoint);
  if (filter.hasComment === false) clauses.push('comment IS NULL');
  if (filter.scores !== undefined) {
    const ranges = filter.scores.map((range) => {
      if (range.kind === undefined) {
        params.push(range.min, range.max);
        return 'score BETWEEN ? AND ?';
      }
      params.push(range.kind, range.min, range.max);
      return '(kind = ? AND score BETWEEN ? AND ?)';
    });
    clauses.push(ranges.length === 1 ? ranges[0]! : `(${ranges.join(' OR ')})`);
  }
  if (filter.search !== undefined) {
    clauses.push(`instr(${FOLDED_COMMENT}, ?) > 0`);
    params.push(filter.search);
  }
  return { sql: clauses.length > 0 ? clauses.join(' AND ') : '1', params };
}

function where(filter: ExportFilter, after: ExportKey | null): Sql {
  const read = scanned(filter, after);
  const match = matching(filter);
  return { sql: `${read.sql} AND ${match.sql}`, params: [...read.params, ...match.params] };
}

const orderBy = (order: 'asc' | 'desc') => (order === 'asc' ? 'created_at, id' : 'created_at DESC, id DESC');

/**
 * Rows a page reads at most, matching or not: a filter that matches little
 * (a search for a word nobody wrote) still costs one bounded read a page,
 * never a scan of every answer of the site.
 */
export const SCAN_ROWS = 10_000;

const keyOf = (json: string | null): ExportKey | null => {
  if (json === null) return null;
  const [at, id] = JSON.parse(json) as [number, string];
  return { at, id };
};

/**
 * Where a page of at most `limit` matching rows ends, and whether more may
 * follow. Known before the body streams, so the Link header can be sent
 * first. A page reads at most SCAN_ROWS rows past the cursor: when they hold
 * fewer matches than `limit`, the page ends where the reading stopped (the
 * next cursor carries on from there), so a page may hold fewer rows, or none.
 */
export async function pageEnd(
  db: D1Database,
  filter: ExportFilter,
  after: ExportKey | null,
  limit: number,
): Promise<{ last: ExportKey | null; more: boolean }> {
  const read = scanned(filter, after);
  const match = matching(filter);
  const order = orderBy(filter.order);
  const reverse = orderBy(filter.order === 'asc' ? 'desc' : 'asc');
  const scan = Math.max(SCAN_ROWS, limit + 1);
  const row = await db
    .prepare(
      `WITH read_rows AS (SELECT created_at, id, (${match.sql}) AS hit FROM responses WHERE ${read.sql} ORDER BY ${order} LIMIT ?),
            hits AS (SELECT created_at, id, row_number() OVER (ORDER BY ${order}) AS k FROM read_rows WHERE hit)
       SELECT (SELECT json_array(created_at, id) FROM hits WHERE k = ?) AS nth,
              (SELECT json_array(created_at, id) FROM hits ORDER BY k DESC LIMIT 1) AS last_hit,
              (SELECT COUNT(*) FROM hits) AS hits,
              (SELECT json_array(created_at, id) FROM read_rows ORDER BY ${reverse} LIMIT 1) AS last_read,
              (SELECT COUNT(*) FROM read_rows) AS read`,
    )
    // Parameters in the order they stand in the text: the match (in the select list), the read, the limits.
    .bind(...match.params, ...read.params, scan, limit)
    .first<{ nth: string | null; last_hit: string | null; hits: number; last_read: string | null; read: number }>();
  if (!row) return { last: null, more: false };
  const full = row.read === scan;
  if (row.hits >= limit) return { last: keyOf(row.nth), more: row.hits > limit || full };
  if (full) return { last: keyOf(row.last_read), more: true };
  return { last: keyOf(row.last_hit), more: false };
}

interface ResponseRow {
  id: string;
  survey: string;
  kind: Kind;
  score: number;
  comment: string | null;
  touchpoint: string;
  locale: string;
  page: string | null;
  user: string | null;
  meta: string | null;
  country: string;
  device: string;
  created_at: number;
  commented_at: number | null;
  channel: Channel;
}

function toExported(row: ResponseRow): ExportedResponse {
  return {
    id: row.id,
    survey: row.survey,
    kind: row.kind,
    score: row.score,
    comment: row.comment,
    touchpoint: row.touchpoint || null,
    locale: row.locale || null,
    page: row.page,
    user: row.user,
    meta: row.meta === null ? null : (JSON.parse(row.meta) as ExportedResponse['meta']),
    country: row.country || null,
    device: row.device,
    created_at: new Date(row.created_at).toISOString(),
    commented_at: row.commented_at === null ? null : new Date(row.commented_at).toISOString(),
    channel: row.channel,
  };
}

/** Rows after `after` up to and including `last`, in chunks small enough to keep memory flat. */
export async function* exportRows(
  db: D1Database,
  filter: ExportFilter,
  after: ExportKey | null,
  last: ExportKey,
  chunk = 500,
): AsyncGenerator<ExportedResponse[]> {
  let position = after;
  for (;;) {
    const w = where(filter, position);
    const { results } = await db
      .prepare(
        `SELECT id, survey, kind, score, comment, touchpoint, locale, page, user, meta, country, device, created_at, commented_at, channel
           FROM responses WHERE ${w.sql} AND (created_at, id) ${filter.order === 'asc' ? '<=' : '>='} (?, ?)
          ORDER BY ${orderBy(filter.order)} LIMIT ?`,
      )
      .bind(...w.params, last.at, last.id, chunk)
      .all<ResponseRow>();
    if (results.length === 0) return;
    yield results.map(toExported);
    const tail = results[results.length - 1]!;
    position = { at: tail.created_at, id: tail.id };
    if (results.length < chunk) return;
  }
}
