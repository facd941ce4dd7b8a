/**
 * The comments a themes answer reads: a site's commented answers in a range,
 * newest first, through the index of commented answers, a chunk at a time.
 * Each chunk reads at most `chunk` index rows whatever the filters match, so
 * the rows read (and the time) are bounded by the caller's budget.
 */
import type { Kind } from '../../shared/kinds';
import type { Channel } from '../../shared/schemas/channel';
import type { ExportKey } from './export';

export interface ThemeFilter {
  site: string;
  from: number;
  to: number;
  survey?: string;
  kind?: Kind;
  touchpoint?: string;
  channel?: Channel;
  locale?: string;
}

export interface ThemeRow {
  id: string;
  score: number;
  /** Null when the row was read but does not match the filters. */
  comment: string | null;
  created_at: number;
}

function readClauses(filter: ThemeFilter, after: ExportKey | null): { sql: string; params: unknown[] } {
  if (!after) return { sql: 'site = ? AND created_at >= ? AND created_at < ? AND comment IS NOT NULL', params: [filter.site, filter.from, filter.to] };
  // The cursor is the range's only upper bound (it is below `to`): SQLite bounds an index range by one
  // condition per side, and one on `to` would make each chunk step again over the rows before it.
  return {
    sql: 'site = ? AND created_at >= ? AND created_at <= ? AND (created_at < ? OR id < ?) AND comment IS NOT NULL',
    params: [filter.site, filter.from, after.at, after.at, after.id],
  };
}

/** One chunk: the rows read after `after` (at most `chunk`), matching ones with their comment. */
export async function readCommentChunk(
  db: D1Database,
  filter: ThemeFilter,
  after: ExportKey | null,
  chunk: number,
): Promise<{ rows: ThemeRow[]; rowsRead: number }> {
  const match: string[] = [];
  const matchParams: unknown[] = [];
  for (const [column, value] of [
    ['survey', filter.survey],
    ['kind', filter.kind],
    ['touchpoint', filter.touchpoint],
    ['channel', filter.channel],
    ['locale', filter.locale],
  ] as const) {
    if (value === undefined) continue;
    match.push(`${column} = ?`);
    matchParams.push(value);
  }
  const read = readClauses(filter, after);
  const hit = match.length > 0 ? match.join(' AND ') : '1';
  const result = await db
    .prepare(
      `SELECT id, score, CASE WHEN ${hit} THEN comment END AS comment, created_at
         FROM responses WHERE ${read.sql}
        ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .bind(...matchParams, ...read.params, chunk)
    .all<ThemeRow>();
  return { rows: result.results, rowsRead: result.meta.rows_read ?? 0 };
}

/** Whether commented answers remain in the range past `after` (one row read). */
export async function moreComments(db: D1Database, filter: ThemeFilter, after: ExportKey): Promise<boolean> {
  const read = readClauses(filter, after);
  return (await db.prepare(`SELECT 1 FROM responses WHERE ${read.sql} LIMIT 1`).bind(...read.params).first()) !== null;
}
