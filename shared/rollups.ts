/**
 * The shape of the rollup table, known once: the grains rows are kept at and
 * the dimensions each answer and event is counted under. The SQL that writes
 * rollups (worker/db/, the migrations' triggers) and the plans that read them
 * (worker/scores/plan.ts) follow these lists; a Worker test checks the
 * triggers in the database against them.
 */

/** Row lengths in seconds, coarsest first: UTC days, hours, quarter hours (every zone's midnight is on one). */
export const ROLLUP_GRAINS = [86_400, 3_600, 900] as const;
export type Grain = (typeof ROLLUP_GRAINS)[number];

/**
 * The primary key of a rollup row. Touchpoint and channel are key columns of
 * every row rather than dimensions: they filter any grouping, and grouping by
 * them reads the total (`dim = ''`) rows.
 */
export const ROLLUP_KEY = 'survey, grain, dim, start, touchpoint, channel, value';

/** `''` is the total row; the others hold one row per value of that field. */
export const ROLLUP_DIMS = ['', 'locale', 'country', 'device'] as const;
export type RollupDim = (typeof ROLLUP_DIMS)[number];

/** Rows an answer or event touches: one per grain and dimension. */
export const ROWS_PER_ANSWER = ROLLUP_GRAINS.length * ROLLUP_DIMS.length;

/**
 * Reasons are a dimension written apart (worker/migrations/0013): not by the
 * answer's insert, since most answers have none and reasons come after the
 * score, but when an answer's reasons are set. Each chosen option id gets a
 * row at each grain; an answer with k > 1 reasons also adds k − 1 to the row
 * of value REASON_REPEATS, so that the reason rows less the repeats count
 * each answer with reasons once, and the total less that, the answers
 * without (the `null` group of `group_by=reason`). Reason rows hold no
 * exposure counts: a reason is chosen after the survey was shown.
 */
export const REASON_DIM = 'reason';
export const REASON_REPEATS = '';
export const REASON_GRAINS = ROLLUP_GRAINS;

/** Rollup rows written when an answer's k reasons are set: one per reason and grain, and the repeats' when k > 1. */
export function rowsForReasons(k: number): number {
  return REASON_GRAINS.length * (k + (k > 1 ? 1 : 0));
}

/** What a rollup read can ask for: a dimension of every answer, or the reasons. */
export type ReadDim = RollupDim | typeof REASON_DIM;

/** `SELECT 86400 AS grain UNION ALL …`: the grains as an SQL row source. */
export const GRAINS_SQL = ROLLUP_GRAINS.map((g, i) => (i === 0 ? `SELECT ${g} AS grain` : `SELECT ${g}`)).join(' UNION ALL ');

/** Consecutive rollup rows of one grain: starts in [lo, hi), Unix seconds. */
export interface RollupRange {
  grain: Grain;
  lo: number;
  hi: number;
}

/**
 * `SELECT '' AS dim, '' AS value UNION ALL SELECT 'locale', ?6 …`: the
 * dimensions as an SQL row source, each with the SQL expression of its value.
 * Typed over ROLLUP_DIMS, so a new dimension cannot be forgotten by a writer.
 */
export function dimsSql(values: Record<Exclude<RollupDim, ''>, string>): string {
  return ROLLUP_DIMS.map((dim) => (dim === '' ? `SELECT '' AS dim, '' AS value` : `SELECT '${dim}', ${values[dim]}`)).join(' UNION ALL ');
}
