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
  minScore?: number;
  maxScore?: number;
  /** Folded with foldForSearch: comments containing it, folded the same way. */
  search?: string;
}

/** The comment as searched, in SQL: foldForSearch's steps (ASCII case; Persian and Arabic have none). */
const FOLDED_COMMENT = FOLDS.reduce((sql, [from, to]) => `replace(${sql}, '${from}', '${to}')`, 'lower(comment)');

function where(filter: ExportFilter, after: ExportKey | null): { sql: string; params: unknown[] } {
  const clauses = ['site = ?', 'created_at >= ?', 'created_at < ?'];
  const params: unknown[] = [filter.site, filter.from, filter.to];
  if (filter.survey !== undefined) {
    clauses.push('survey = ?');
    params.push(filter.survey);
  }
  if (filter.kind !== undefined) {
    clauses.push('kind = ?');
    params.push(filter.kind);
  }
  if (filter.channel !== undefined) {
    clauses.push('channel = ?');
    params.push(filter.channel);
  }
  if (filter.touchpoint !== undefined) {
    clauses.push('touchpoint = ?');
    params.push(filter.touchpoint);
  }
  // `comment IS NOT NULL` lets SQLite read the index of commented answers only.
  if (filter.hasComment === true || filter.search !== undefined) clauses.push('comment IS NOT NULL');
  if (filter.hasComment === false) clauses.push('comment IS NULL');
  if (filter.minScore !== undefined) {
    clauses.push('score >= ?');
    params.push(filter.minScore);
  }
  if (filter.maxScore !== undefined) {
    clauses.push('score <= ?');
    params.push(filter.maxScore);
  }
  if (filter.search !== undefined) {
    clauses.push(`instr(${FOLDED_COMMENT}, ?) > 0`);
    params.push(filter.search);
  }
  if (after) {
    clauses.push(`(created_at, id) ${filter.order === 'asc' ? '>' : '<'} (?, ?)`);
    params.push(after.at, after.id);
  }
  return { sql: clauses.join(' AND '), params };
}

const orderBy = (order: 'asc' | 'desc') => (order === 'asc' ? 'created_at, id' : 'created_at DESC, id DESC');

/**
 * The last row a page of `limit` rows includes, and whether more follow.
 * Known before the body streams, so the Link header can be sent first.
 */
export async function pageEnd(
  db: D1Database,
  filter: ExportFilter,
  after: ExportKey | null,
  limit: number,
): Promise<{ last: ExportKey | null; more: boolean }> {
  const w = where(filter, after);
  const { results } = await db
    .prepare(`SELECT created_at AS at, id FROM responses WHERE ${w.sql} ORDER BY ${orderBy(filter.order)} LIMIT 2 OFFSET ?`)
    .bind(...w.params, limit - 1)
    .all<ExportKey>();
  if (results.length > 0) return { last: results[0]!, more: results.length > 1 };
  // Fewer rows than the limit: the page ends at the last matching row.
  const last = await db
    .prepare(`SELECT created_at AS at, id FROM responses WHERE ${w.sql} ORDER BY ${orderBy(filter.order === 'asc' ? 'desc' : 'asc')} LIMIT 1`)
    .bind(...w.params)
    .first<ExportKey>();
  return { last, more: false };
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
