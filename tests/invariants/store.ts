/**
 * Invariants of the store that any test can check against the real D1:
 * a fingerprint of every table (did anything change?), rollups against raw
 * rows, and scores recounted from raw rows with the shared metric functions.
 */
import type { Kind } from '../../shared/kinds';
import { emptyHistogram, type Histogram, metrics } from '../../shared/metrics';
import { WEB_CHANNEL } from '../../shared/schemas/channel';
import type { Metrics } from '../../shared/schemas/scores';
import rollupsMatchRawSql from './rollups-match-raw.sql?raw';

/** Tables of the app (not D1's own bookkeeping), found at run time so new ones are covered too. */
async function appTables(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT name FROM sqlite_master
        WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'
        ORDER BY name`,
    )
    .all<{ name: string }>();
  return results.map((r) => r.name);
}

/** Column names of a table (D1 gives them even when the table is empty). */
async function columnsOf(db: D1Database, table: string): Promise<string[]> {
  const [names] = await db.prepare(`SELECT * FROM "${table}" LIMIT 0`).raw<string>({ columnNames: true });
  return names as unknown as string[];
}

/** Tables up to this many rows are fingerprinted row by row; larger ones by aggregates. */
const FULL_ROWS = 50;

/**
 * One table's content as JSON text: every row when it is small, otherwise its
 * row count and, per column, the summed lengths and the summed numeric values
 * (any insert, delete or changed count of a store like this shows in them).
 */
function contentSql(table: string, columns: string[]): string {
  const t = `"${table}"`;
  const q = (c: string) => `"${c}"`;
  const rows = `(SELECT json_group_array(json_array(${columns.map(q).join(', ')})) FROM ${t})`;
  const sums = columns.flatMap((c) => [`TOTAL(length(${q(c)}))`, `TOTAL(${q(c)})`]);
  const aggregates = `(SELECT json_array(COUNT(*), ${sums.join(', ')}) FROM ${t})`;
  return `CASE WHEN (SELECT COUNT(*) FROM ${t}) <= ${FULL_ROWS} THEN ${rows} ELSE ${aggregates} END`;
}

/** The fingerprint query, one round trip for all tables; the schema does not change while a test file runs. */
let fingerprintSql: Promise<{ tables: string[]; sql: string }> | undefined;

/**
 * A fingerprint of every app table, one string per table: two equal
 * fingerprints mean nothing was written in between.
 */
export async function storeFingerprint(db: D1Database): Promise<Map<string, string>> {
  fingerprintSql ??= appTables(db).then(async (tables) => {
    const parts = await Promise.all(tables.map(async (t, i) => `(SELECT COUNT(*) FROM "${t}") AS n${i}, ${contentSql(t, await columnsOf(db, t))} AS c${i}`));
    return { tables, sql: `SELECT ${parts.join(', ')}` };
  });
  const { tables, sql } = await fingerprintSql;
  const row = (await db.prepare(sql).first<Record<string, unknown>>())!;
  return new Map(tables.map((t, i) => [t, `${String(row[`n${i}`])} rows: ${String(row[`c${i}`])}`]));
}

/** Names of the tables whose content differs, with their row counts before → after. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  const rows = (print: string | undefined) => (print === undefined ? 'absent' : print.slice(0, print.indexOf(' rows')));
  return [...names]
    .filter((t) => before.get(t) !== after.get(t))
    .map((t) => `${t} (${rows(before.get(t))} → ${rows(after.get(t))} rows)`);
}

/** Rollup keys whose histogram differs from a recount of `responses` (at most 20); empty when they agree. */
export async function rollupMismatches(db: D1Database): Promise<Record<string, unknown>[]> {
  return (await db.prepare(rollupsMatchRawSql).all<Record<string, unknown>>()).results;
}

export async function assertRollupsMatchRaw(db: D1Database): Promise<void> {
  const mismatches = await rollupMismatches(db);
  if (mismatches.length > 0) {
    throw new Error(`rollups differ from raw responses at ${mismatches.length}+ keys:\n${mismatches.map((m) => JSON.stringify(m)).join('\n')}`);
  }
}

/** The dimensions a scores query can group by, as columns of `responses`. */
export type Dimension = 'touchpoint' | 'locale' | 'country' | 'device' | 'channel';

export interface RawAnswer {
  score: number;
  touchpoint: string;
  channel: string;
  locale: string;
  country: string;
  device: string;
  created_at: number;
  /** The option ids chosen after the score, if any. */
  reasons?: string[] | null;
}

export async function rawAnswers(db: D1Database, site: string, kind: Kind): Promise<RawAnswer[]> {
  const { results } = await db
    .prepare('SELECT score, touchpoint, channel, locale, country, device, created_at, reasons FROM responses WHERE site = ? AND kind = ?')
    .bind(site, kind)
    .all<Omit<RawAnswer, 'reasons'> & { reasons: string | null }>();
  return results.map((row) => ({ ...row, reasons: row.reasons === null ? null : (JSON.parse(row.reasons) as string[]) }));
}

export function histogramOf(rows: readonly RawAnswer[]): Histogram {
  const hist = emptyHistogram();
  for (const row of rows) hist[row.score]!++;
  return hist;
}

export interface ExposureCount {
  shown: number;
  dismissed: number;
  /** Links minted, for a query of one link channel: its response rate is on the `sent` basis. */
  sent?: number;
}

/**
 * What the scores API must say for these raw rows: the shared metrics over
 * their histogram, and the response rate on its basis (docs/contract.md §17):
 * all of them over the links sent, or the web answers among them over shown.
 */
export function recount(kind: Kind, rows: readonly RawAnswer[], exposure: ExposureCount = { shown: 0, dismissed: 0 }): Metrics {
  const rate =
    exposure.sent !== undefined
      ? { basis: 'sent' as const, answers: rows.length, sent: exposure.sent }
      : { basis: 'shown' as const, answers: rows.filter((r) => r.channel === WEB_CHANNEL).length };
  return metrics(kind, histogramOf(rows), exposure, rate);
}

/**
 * Groups as the scores API keys them ('' is "not known" and becomes null),
 * each recounted from its raw rows; `exposureOf` gives a group's events.
 */
export function recountGroups(
  kind: Kind,
  rows: readonly RawAnswer[],
  by: Dimension,
  exposureOf: (key: string) => ExposureCount = () => ({ shown: 0, dismissed: 0 }),
  extraKeys: Iterable<string> = [],
): Map<string | null, Metrics> {
  const byKey = new Map<string, RawAnswer[]>();
  for (const key of extraKeys) byKey.set(key, []);
  for (const row of rows) {
    const list = byKey.get(row[by]) ?? [];
    list.push(row);
    byKey.set(row[by], list);
  }
  return new Map([...byKey].map(([key, list]) => [key === '' ? null : key, recount(kind, list, exposureOf(key))]));
}

/**
 * Groups by reason as the scores API keys them: one per option id (an
 * answer with two reasons in both), null for the answers without; reasons
 * have no exposure counts.
 */
export function recountReasonGroups(kind: Kind, rows: readonly RawAnswer[]): Map<string | null, Metrics> {
  const byKey = new Map<string | null, RawAnswer[]>();
  for (const row of rows) {
    for (const key of row.reasons ?? [null]) byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return new Map([...byKey].map(([key, list]) => [key, recount(kind, list)]));
}
