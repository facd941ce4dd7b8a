/**
 * Raw responses, oldest or newest first, by keyset pagination over
 * (created_at, id): constant memory, and stable under concurrent inserts.
 * Filters serve both the export and the console's comments feed.
 */
import type { Kind } from '../../shared/kinds';
import type { Channel } from '../../shared/schemas/channel';
import type { ExportedResponse } from '../../shared/schemas/export';
import { SEARCH_FOLDS, sourcesOf } from '../../shared/text/fold';
import { holdsTerm } from '../../shared/text/words';

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
  /** A normalised term (shared/text/words.ts): comments holding it in any of its spellings. */
  theme?: string;
  /** Only this answer. */
  id?: string;
}

/**
 * The comment as searched, in SQL: foldForSearch's steps (ASCII case; Persian
 * and Arabic have none). Each step maps one character to at most one, never to
 * a character another step maps, so the chain equals the one-pass fold.
 */
const FOLDED_COMMENT = SEARCH_FOLDS.reduce((sql, [from, to]) => `replace(${sql}, '${from}', '${to}')`, 'lower(comment)');

/**
 * Folding a long comment costs dozens of passes over it. A comment can hold
 * a folded text only if it holds, for each of its characters, one of the
 * characters that fold into it (sourcesOf): checking that for a few of them
 * first, each a single pass that stops at the first hit, skips most comments
 * before the fold runs; and a comment that holds the text as typed needs no
 * fold. For 10,000 comments of 2,000 characters that match nothing, 58 ms
 * instead of 7.5 s (node:sqlite, a loaded machine).
 */
const PREFILTER_CHARACTERS = 3;

/** Comments whose folded text contains `folded`, as an SQL condition. */
function contains(folded: string): Sql {
  const sources = [...new Set(folded)].map(sourcesOf).sort((a, b) => a.length - b.length).slice(0, PREFILTER_CHARACTERS);
  const clauses = sources.map((chars) => `(${chars.map(() => 'instr(comment, ?) > 0').join(' OR ')})`);
  // A comment holding the folded text as it stands holds it folded too (folding keeps a folded text as it is).
  clauses.push(`(instr(comment, ?) > 0 OR instr(${FOLDED_COMMENT}, ?) > 0)`);
  return { sql: clauses.join(' AND '), params: [...sources.flat(), folded, folded] };
}

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
  if (filter.hasComment === true || filter.search !== undefined || filter.theme !== undefined) clauses.push('comment IS NOT NULL');
  // One answer: its primary key reads one row, whatever the range.
  if (filter.id !== undefined) {
    clauses.push('id = ?');
    params.push(filter.id);
  }
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
  const containing = [...(filter.search !== undefined ? [filter.search] : []), ...(filter.theme?.split(' ') ?? [])];
  for (const text of containing) {
    // A term's stem is in its folded comment whatever the spelling, so this keeps every comment holding it;
    // the few it keeps wrongly (the stem inside a longer word) are dropped by `themeHeld` below.
    const clause = contains(text);
    clauses.push(clause.sql);
    params.push(...clause.params);
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
  if (filter.theme !== undefined) return themePageEnd(db, filter, after, limit);
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

/** Whether a row that passed the SQL filters also holds the theme (the words of its comment, not only their letters). */
function themeHeld(filter: ExportFilter, comment: string | null): boolean {
  return filter.theme === undefined || (comment !== null && holdsTerm(comment, filter.theme));
}

/**
 * pageEnd for a theme: whether a comment holds a term takes its words, which
 * SQL cannot split, so the window of rows is read here, the candidates with
 * their comments, and the theme checked on each. The same bounds hold.
 */
async function themePageEnd(
  db: D1Database,
  filter: ExportFilter,
  after: ExportKey | null,
  limit: number,
): Promise<{ last: ExportKey | null; more: boolean }> {
  const read = scanned(filter, after);
  const match = matching(filter);
  const order = orderBy(filter.order);
  const scan = Math.max(SCAN_ROWS, limit + 1);
  const { results } = await db
    .prepare(
      `SELECT created_at, id, CASE WHEN ${match.sql} THEN comment END AS comment FROM responses
        WHERE ${read.sql} ORDER BY ${order} LIMIT ?`,
    )
    .bind(...match.params, ...read.params, scan)
    .all<{ created_at: number; id: string; comment: string | null }>();
  const hits = results.filter((row) => row.comment !== null && themeHeld(filter, row.comment));
  const key = (row: { created_at: number; id: string } | undefined) => (row ? { at: row.created_at, id: row.id } : null);
  const full = results.length === scan;
  if (hits.length >= limit) return { last: key(hits[limit - 1]), more: hits.length > limit || full };
  if (full) return { last: key(results[results.length - 1]), more: true };
  return { last: key(hits[hits.length - 1]), more: false };
}

export interface ResponseRow {
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

/** The columns an exported response is made of (toExported). */
export const RESPONSE_COLUMNS = 'id, survey, kind, score, comment, touchpoint, locale, page, user, meta, country, device, created_at, commented_at, channel';

export function toExported(row: ResponseRow): ExportedResponse {
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
        `SELECT ${RESPONSE_COLUMNS}
           FROM responses WHERE ${w.sql} AND (created_at, id) ${filter.order === 'asc' ? '<=' : '>='} (?, ?)
          ORDER BY ${orderBy(filter.order)} LIMIT ?`,
      )
      .bind(...w.params, last.at, last.id, chunk)
      .all<ResponseRow>();
    if (results.length === 0) return;
    yield results.filter((row) => themeHeld(filter, row.comment)).map(toExported);
    const tail = results[results.length - 1]!;
    position = { at: tail.created_at, id: tail.id };
    if (results.length < chunk) return;
  }
}
