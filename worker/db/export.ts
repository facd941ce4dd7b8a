/**
 * Raw responses, oldest first, by keyset pagination over (created_at, id):
 * constant memory, and stable under concurrent inserts of newer answers.
 */
import type { Kind } from '../../shared/kinds';
import type { Channel } from '../../shared/schemas/channel';
import type { ExportedResponse } from '../../shared/schemas/export';

/** A position in the export order. */
export interface ExportKey {
  at: number;
  id: string;
}

export interface ExportFilter {
  site: string;
  from: number;
  to: number;
  survey?: string;
  kind?: Kind;
  channel?: Channel;
}

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
  if (after) {
    clauses.push('(created_at, id) > (?, ?)');
    params.push(after.at, after.id);
  }
  return { sql: clauses.join(' AND '), params };
}

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
    .prepare(`SELECT created_at AS at, id FROM responses WHERE ${w.sql} ORDER BY created_at, id LIMIT 2 OFFSET ?`)
    .bind(...w.params, limit - 1)
    .all<ExportKey>();
  if (results.length > 0) return { last: results[0]!, more: results.length > 1 };
  // Fewer rows than the limit: the page ends at the last matching row.
  const last = await db
    .prepare(`SELECT created_at AS at, id FROM responses WHERE ${w.sql} ORDER BY created_at DESC, id DESC LIMIT 1`)
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
           FROM responses WHERE ${w.sql} AND (created_at, id) <= (?, ?)
          ORDER BY created_at, id LIMIT ?`,
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
