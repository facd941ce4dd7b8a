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
  /** Answers with this reason among theirs. */
  reason?: string;
  locale?: string;
  country?: string;
  device?: string;
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
 * What an index reads: the site, the time range, and (for comments) the
 * index of commented answers, from just after `after` in the read's order
 * up to `through` (inclusive) or the range's far end. A key bound stands in
 * for the range's bound on its side, never beside it: SQLite bounds an index
 * range by one condition a side, and with both it would take the range's and
 * step again over every row before the cursor (page 5 re-reading pages 1–4).
 */
function scanned(filter: ExportFilter, after: ExportKey | null, through?: ExportKey): Sql {
  const clauses = ['site = ?'];
  const params: unknown[] = [filter.site];
  const bound = (column: '>' | '<', key: ExportKey, inclusive: boolean) => {
    clauses.push(`created_at ${column}= ?`, `(created_at ${column} ? OR id ${column}${inclusive ? '=' : ''} ?)`);
    params.push(key.at, key.at, key.id);
  };
  const asc = filter.order === 'asc';
  // A cursor past the range's near end (made for a wider range) bounds nothing.
  const start = after && (asc ? after.at >= filter.from : after.at < filter.to) ? after : null;
  const [lower, upper] = asc ? [start, through] : [through, start];
  if (lower) bound('>', lower, lower === through);
  else {
    clauses.push('created_at >= ?');
    params.push(filter.from);
  }
  if (upper) bound('<', upper, upper === through);
  else {
    clauses.push('created_at < ?');
    params.push(filter.to);
  }
  // `comment IS NOT NULL` lets SQLite read the index of commented answers only.
  if (filter.hasComment === true || filter.search !== undefined || filter.theme !== undefined) clauses.push('comment IS NOT NULL');
  // One answer: its primary key reads one row, whatever the range.
  if (filter.id !== undefined) {
    clauses.push('id = ?');
    params.push(filter.id);
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
  if (filter.reason !== undefined) {
    clauses.push(`reasons IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(reasons) WHERE value = ?)`);
    params.push(filter.reason);
  }
  equal('locale', filter.locale);
  equal('country', filter.country);
  equal('device', filter.device);
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

const orderBy = (order: 'asc' | 'desc') => (order === 'asc' ? 'created_at, id' : 'created_at DESC, id DESC');

/**
 * Rows a page reads at most, matching or not: a filter that matches little
 * (a search for a word nobody wrote) still costs one bounded read a page,
 * never a scan of every answer of the site.
 */
export const SCAN_ROWS = 10_000;
/**
 * Rows a page with a search (`q`) reads at most: the search folds each
 * comment in SQL, and comments written to hold the prefilter's letters
 * without the text cost the whole fold (10,000 of 2,000 characters took
 * 7.5 s; 2,000 of them take a fifth of that). A rare word over a long range
 * takes more pages, each still cheap for comments of everyday length.
 */
export const SEARCH_SCAN_ROWS = 2_000;

/** The window a page reads: at least `limit` + 1 rows, but a search's is bounded whatever the limit (its page may hold fewer). */
const scanRows = (filter: ExportFilter, limit: number): number => (filter.search !== undefined ? SEARCH_SCAN_ROWS : Math.max(SCAN_ROWS, limit + 1));

const keyOf = (row: { created_at: number; id: string } | undefined): ExportKey | null => (row ? { at: row.created_at, id: row.id } : null);

export interface PageEnd {
  /** The page's last row, or where its reading stopped; null when nothing was read. */
  last: ExportKey | null;
  more: boolean;
  /** Matching rows on the page (0 to `limit`). */
  rows: number;
}

/**
 * Where a page of at most `limit` matching rows ends, and whether more may
 * follow. Known before the body streams, so the Link header can be sent
 * first. A page reads at most SCAN_ROWS rows past the cursor: when they hold
 * fewer matches than `limit`, the page ends where the reading stopped (the
 * next cursor carries on from there), so a page may hold fewer rows, or none.
 *
 * The matches are read through the window of SCAN_ROWS rows as a co-routine
 * (a subquery SQLite does not materialise), so the reading stops at the
 * match after the page's last: a feed whose filters match most rows reads
 * about `limit` rows, not the whole window. Only when the window held too
 * few matches is it read once more, for where it ended.
 */
export async function pageEnd(
  db: D1Database,
  filter: ExportFilter,
  after: ExportKey | null,
  limit: number,
): Promise<PageEnd> {
  if (filter.theme !== undefined) return themePageEnd(db, filter, after, limit);
  const read = scanned(filter, after);
  const match = matching(filter);
  const order = orderBy(filter.order);
  const scan = scanRows(filter, limit);
  const { results: hits } = await db
    .prepare(
      `SELECT created_at, id FROM (SELECT created_at, id, (${match.sql}) AS hit FROM responses WHERE ${read.sql} ORDER BY ${order} LIMIT ?)
        WHERE hit LIMIT ?`,
    )
    // Parameters in the order they stand in the text: the match (in the select list), the read, the limits.
    .bind(...match.params, ...read.params, scan, limit + 1)
    .all<{ created_at: number; id: string }>();
  if (hits.length > limit) return { last: keyOf(hits[limit - 1]), more: true, rows: limit };
  // The window's last row, if it was full: the matches of a full window end the page only when they fill it.
  const end = await db
    .prepare(`SELECT created_at, id FROM responses WHERE ${read.sql} ORDER BY ${order} LIMIT 1 OFFSET ?`)
    .bind(...read.params, scan - 1)
    .first<{ created_at: number; id: string }>();
  if (end === null) return { last: keyOf(hits[hits.length - 1]), more: false, rows: hits.length };
  return { last: hits.length === limit ? keyOf(hits[limit - 1]) : keyOf(end), more: true, rows: hits.length };
}

/** Whether a row that passed the SQL filters also holds the theme (the words of its comment, not only their letters). */
function themeHeld(filter: ExportFilter, comment: string | null): boolean {
  return filter.theme === undefined || (comment !== null && holdsTerm(comment, filter.theme));
}

/** Rows the theme's page end reads at a time: a common term fills a page from the first chunk. */
const THEME_CHUNK = 1000;
/**
 * Characters of comments a theme's page checks at most (a window of comments
 * of 100 characters): splitting them into words is what costs, so long
 * comments that only look like the term end the page early, as a full window does.
 */
export const THEME_PAGE_CHARACTERS = 1_000_000;

/**
 * pageEnd for a theme: whether a comment holds a term takes its words, which
 * SQL cannot split, so the window is read here in chunks, the candidates
 * with their comments, and the theme checked on each, until the page is
 * full (one match more) or the window read. The same bounds hold.
 */
async function themePageEnd(
  db: D1Database,
  filter: ExportFilter,
  after: ExportKey | null,
  limit: number,
): Promise<PageEnd> {
  const match = matching(filter);
  const order = orderBy(filter.order);
  const scan = scanRows(filter, limit);
  const hits: ExportKey[] = [];
  let position = after;
  let characters = 0;
  for (let read = 0; read < scan; ) {
    const window = scanned(filter, position);
    const want = Math.min(Math.max(THEME_CHUNK, limit + 1), scan - read);
    const { results } = await db
      .prepare(`SELECT created_at, id, CASE WHEN ${match.sql} THEN comment END AS comment FROM responses WHERE ${window.sql} ORDER BY ${order} LIMIT ?`)
      .bind(...match.params, ...window.params, want)
      .all<{ created_at: number; id: string; comment: string | null }>();
    for (const row of results) {
      if (row.comment === null) continue;
      if (themeHeld(filter, row.comment)) hits.push(keyOf(row)!);
      if (hits.length > limit) return { last: hits[limit - 1]!, more: true, rows: limit };
      characters += row.comment.length;
      if (characters >= THEME_PAGE_CHARACTERS) return { last: keyOf(row)!, more: true, rows: hits.length };
    }
    // The range holds no more rows.
    if (results.length < want) return { last: hits[hits.length - 1] ?? null, more: false, rows: hits.length };
    read += results.length;
    position = keyOf(results[results.length - 1]);
  }
  return { last: hits.length === limit ? hits[limit - 1]! : position, more: true, rows: hits.length };
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
  reasons: string | null;
}

/** The columns an exported response is made of (toExported). */
export const RESPONSE_COLUMNS = 'id, survey, kind, score, comment, touchpoint, locale, page, user, meta, country, device, created_at, commented_at, channel, reasons';

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
    reasons: row.reasons === null ? null : (JSON.parse(row.reasons) as string[]),
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
  const match = matching(filter);
  let position = after;
  for (;;) {
    const read = scanned(filter, position, last);
    const { results } = await db
      .prepare(
        `SELECT ${RESPONSE_COLUMNS}
           FROM responses WHERE ${read.sql} AND ${match.sql} ORDER BY ${orderBy(filter.order)} LIMIT ?`,
      )
      .bind(...read.params, ...match.params, chunk)
      .all<ResponseRow>();
    if (results.length === 0) return;
    yield results.filter((row) => themeHeld(filter, row.comment)).map(toExported);
    const tail = results[results.length - 1]!;
    position = { at: tail.created_at, id: tail.id };
    if (results.length < chunk) return;
  }
}
