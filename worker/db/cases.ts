/**
 * Follow-up cases (docs/contract.md §13). A low answer's case is opened by a
 * trigger in the statement that stores the answer; the history row of each
 * change and its case.updated deliveries are written by triggers in the
 * statement that makes the change (worker/migrations/0016_cases.sql). A
 * change is accepted only on the version it was made on, so two people
 * never overwrite each other unseen.
 */
import type { CaseChange, CaseDetail, CaseNote, CaseStatus, CaseSummary } from '../../shared/schemas/case';
import type { CaseTimeline } from '../../shared/case-stats';
import type { Kind } from '../../shared/kinds';
import { isoUtc } from '../../shared/time';
import { type AuditRecord, auditStatement } from './audit';
import { RESPONSE_COLUMNS, type ResponseRow, toExported } from './export';

/** A position in the inbox's order (newest first). */
export interface CaseKey {
  at: number;
  id: string;
}

export interface CaseFilter {
  site: string;
  status?: CaseStatus;
  /** An email, or null for unassigned cases. */
  assignee?: string | null;
  touchpoint?: string;
  kind?: Kind;
}

/** What a case holds besides its answer. */
export interface CaseState {
  id: string;
  status: CaseStatus;
  assignee: string | null;
  tags: string[];
  opened_at: number;
  first_contact_at: number | null;
  closed_at: number | null;
  version: number;
  notes: number;
}

interface CaseRow extends Omit<CaseState, 'tags'> {
  tags: string;
}

const CASE_COLUMNS = 'c.id, c.status, c.assignee, c.tags, c.opened_at, c.first_contact_at, c.closed_at, c.version, c.notes';
/** The answer's columns, renamed so they do not meet the case's. */
const ANSWER_COLUMNS = RESPONSE_COLUMNS.split(', ')
  .map((column) => `r.${column} AS r_${column}`)
  .join(', ');

const toState = (row: CaseRow): CaseState => ({ ...row, tags: JSON.parse(row.tags) as string[] });

function answerOf(row: Record<string, unknown>): ResponseRow {
  const answer: Record<string, unknown> = {};
  for (const column of RESPONSE_COLUMNS.split(', ')) answer[column] = row[`r_${column}`];
  return answer as unknown as ResponseRow;
}

function toSummary(row: CaseRow & Record<string, unknown>): CaseSummary {
  const state = toState(row);
  return {
    id: state.id,
    status: state.status,
    assignee: state.assignee,
    tags: state.tags,
    opened_at: isoUtc(state.opened_at),
    first_contact_at: state.first_contact_at === null ? null : isoUtc(state.first_contact_at),
    closed_at: state.closed_at === null ? null : isoUtc(state.closed_at),
    version: state.version,
    notes: state.notes,
    response: toExported(answerOf(row)),
  };
}

/**
 * With several filters, the index rows one inbox page reads at most: past
 * them, the page ends where the reading stopped and `next_cursor` carries
 * on from there. D1 counts each of them about three times (the scan is read
 * again for the page and for where it stopped).
 */
export const CASE_SCAN_ROWS = 500;

/**
 * Which filter the index reads (one of the site's indexes is keyed by each);
 * the others are checked on the rows read. An assignee or a status is the
 * most selective an inbox asks for.
 */
function indexed(filter: CaseFilter): { sql: string; params: unknown[]; rest: Omit<CaseFilter, 'site'> } {
  const { site, ...rest } = filter;
  for (const column of ['assignee', 'status', 'touchpoint', 'kind'] as const) {
    if (rest[column] === undefined) continue;
    const value = rest[column];
    const { [column]: _taken, ...others } = rest;
    return value === null
      ? { sql: `c.site = ? AND c.${column} IS NULL`, params: [site], rest: others }
      : { sql: `c.site = ? AND c.${column} = ?`, params: [site, value], rest: others };
  }
  return { sql: 'c.site = ?', params: [site], rest };
}

function checked(rest: Omit<CaseFilter, 'site'>): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    if (value === null) clauses.push(`c.${column} IS NULL`);
    else {
      clauses.push(`c.${column} = ?`);
      params.push(value);
    }
  }
  return { sql: clauses.length > 0 ? clauses.join(' AND ') : '1', params };
}

/**
 * One page of the inbox, newest first: at most `limit` cases after `after`,
 * reading at most CASE_SCAN_ROWS index rows, plus each case's answer. The
 * cursor of the next page, or null at the end. `rowsRead` is D1's count.
 */
export async function listCases(
  db: D1Database,
  filter: CaseFilter,
  after: CaseKey | null,
  limit: number,
): Promise<{ cases: CaseSummary[]; next: CaseKey | null; rowsRead: number }> {
  const read = indexed(filter);
  const match = checked(read.rest);
  const keyset = after ? ' AND (c.opened_at, c.id) < (?, ?)' : '';
  const keyParams = after ? [after.at, after.id] : [];
  type Row = CaseRow & Record<string, unknown>;
  if (match.params.length === 0 && match.sql === '1') {
    // One filter or none: its index holds exactly the matching cases, in order; the page reads its own rows.
    const result = await db
      .prepare(
        `SELECT ${CASE_COLUMNS}, ${ANSWER_COLUMNS} FROM cases AS c JOIN responses AS r ON r.id = c.id
          WHERE ${read.sql}${keyset} ORDER BY c.opened_at DESC, c.id DESC LIMIT ?`,
      )
      .bind(...read.params, ...keyParams, limit + 1)
      .all<Row>();
    const rows = result.results;
    const next = rows.length > limit ? { at: rows[limit - 1]!.opened_at, id: rows[limit - 1]!.id } : null;
    return { cases: rows.slice(0, limit).map(toSummary), next, rowsRead: result.meta.rows_read ?? 0 };
  }
  // Several filters: the index of one is read, at most CASE_SCAN_ROWS rows, and the others checked on them.
  const result = await db
    .prepare(
      `WITH scanned AS (SELECT c.id, c.opened_at, (${match.sql}) AS hit FROM cases AS c
                         WHERE ${read.sql}${keyset} ORDER BY c.opened_at DESC, c.id DESC LIMIT ?),
            -- The last row read, as zero-padded text so that min() orders it as (opened_at, id).
            meta AS (SELECT COUNT(*) AS n, min(printf('%015d', opened_at) || ' ' || id) AS last FROM scanned),
            hits AS (SELECT id FROM scanned WHERE hit ORDER BY opened_at DESC, id DESC LIMIT ?)
       SELECT meta.n AS scanned, meta.last AS last_scanned, ${CASE_COLUMNS}, ${ANSWER_COLUMNS}
         FROM meta LEFT JOIN hits ON 1
         LEFT JOIN cases AS c ON c.id = hits.id
         LEFT JOIN responses AS r ON r.id = hits.id
        ORDER BY c.opened_at DESC, c.id DESC`,
    )
    .bind(...match.params, ...read.params, ...keyParams, CASE_SCAN_ROWS, limit + 1)
    .all<Row & { scanned: number; last_scanned: string | null }>();
  const rows = result.results.filter((row) => row.id !== null);
  const scanned = result.results[0]?.scanned ?? 0;
  let next: CaseKey | null = null;
  if (rows.length > limit) next = { at: rows[limit - 1]!.opened_at, id: rows[limit - 1]!.id };
  else if (scanned === CASE_SCAN_ROWS && result.results[0]?.last_scanned) {
    // The reading stopped before the page filled: carry on from where it stopped.
    const [at, id] = result.results[0].last_scanned.split(' ') as [string, string];
    next = { at: Number(at), id };
  }
  return { cases: rows.slice(0, limit).map(toSummary), next, rowsRead: result.meta.rows_read ?? 0 };
}

/** The case of answer `id` on `site`, bare (no answer, notes or history), or null. */
export async function getCaseState(db: D1Database, site: string, id: string): Promise<CaseState | null> {
  const row = await db.prepare(`SELECT ${CASE_COLUMNS} FROM cases AS c WHERE c.id = ? AND c.site = ?`).bind(id, site).first<CaseRow>();
  return row ? toState(row) : null;
}

/** How many other answers of the same customer a case shows. */
export const OTHER_ANSWERS = 20;

/** The whole case: its answer, notes, history and the customer's other answers (newest first). */
export async function getCase(db: D1Database, site: string, id: string): Promise<CaseDetail | null> {
  const [cases, notes, history, others] = await db.batch<Record<string, unknown>>([
    db.prepare(`SELECT ${CASE_COLUMNS}, ${ANSWER_COLUMNS} FROM cases AS c JOIN responses AS r ON r.id = c.id WHERE c.id = ? AND c.site = ?`).bind(id, site),
    db.prepare('SELECT n.id, n.author, n.at, n.text FROM case_notes AS n JOIN cases AS c ON c.id = n.case_id WHERE n.case_id = ? AND c.site = ? ORDER BY n.at, n.id').bind(id, site),
    db
      .prepare('SELECT h.version, h.at, h.actor, h.status, h.assignee, h.tags FROM case_history AS h JOIN cases AS c ON c.id = h.case_id WHERE h.case_id = ? AND c.site = ? ORDER BY h.version')
      .bind(id, site),
    db
      .prepare(
        `SELECT ${RESPONSE_COLUMNS} FROM responses
          WHERE site = ?1 AND user = (SELECT user FROM responses WHERE id = ?2 AND site = ?1) AND id <> ?2
          ORDER BY created_at DESC LIMIT ?3`,
      )
      .bind(site, id, OTHER_ANSWERS),
  ]);
  const row = cases?.results[0] as (CaseRow & Record<string, unknown>) | undefined;
  if (!row) return null;
  const { notes: _count, ...summary } = toSummary(row);
  return {
    ...summary,
    notes: (notes?.results ?? []).map((n) => ({ id: String(n.id), author: String(n.author), at: isoUtc(Number(n.at)), text: String(n.text) }) satisfies CaseNote),
    history: (history?.results ?? []).map(toChange),
    other_answers: (others?.results ?? []).map((r) => toExported(r as unknown as ResponseRow)),
  };
}

function toChange(row: Record<string, unknown>): CaseChange {
  const change: CaseChange = { version: Number(row.version), at: isoUtc(Number(row.at)), actor: (row.actor as string | null) ?? null };
  if (row.status !== null) change.status = row.status as CaseStatus;
  // The trigger writes '' for an unassignment (NULL means the change left the assignee alone).
  if (row.assignee !== null) change.assignee = row.assignee === '' ? null : String(row.assignee);
  if (row.tags !== null) change.tags = JSON.parse(String(row.tags)) as string[];
  return change;
}

export async function answerExists(db: D1Database, site: string, id: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 FROM responses WHERE id = ? AND site = ?').bind(id, site).first()) !== null;
}

/** Open a case for answer `id` of `site` by hand (its history's first row names who), unless it has one. */
export async function openCase(db: D1Database, site: string, id: string, by: string, now: number, audit: AuditRecord): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO cases (id, site, kind, touchpoint, opened_at, updated_at, updated_by)
         SELECT id, site, kind, touchpoint, ?3, ?3, ?4 FROM responses WHERE id = ?1 AND site = ?2
         ON CONFLICT (id) DO NOTHING`,
      )
      .bind(id, site, now, by),
    auditStatement(db, audit, { ifChanged: true }),
  ]);
}

/** What a change sets; the times follow from the status (`nextState`). */
export interface CaseUpdate {
  status: CaseStatus;
  assignee: string | null;
  tags: string[];
  first_contact_at: number | null;
  closed_at: number | null;
}

/**
 * Apply a change made on `version`, with its audit entry, in one
 * transaction: the version grows by one, the trigger writes its history row
 * and case.updated deliveries. False when the case is no longer at that
 * version (someone else's change came first): nothing is written.
 */
export async function updateCase(
  db: D1Database,
  args: { site: string; id: string; version: number; update: CaseUpdate; by: string; now: number },
  /** Null only for changes no one made through the API (the demo seed). */
  audit: AuditRecord | null,
): Promise<boolean> {
  const { update } = args;
  const [changed] = await db.batch<{ version: number }>([
    db
      .prepare(
        `UPDATE cases SET status = ?, assignee = ?, tags = ?, first_contact_at = ?, closed_at = ?, version = version + 1, updated_at = ?, updated_by = ?
          WHERE id = ? AND site = ? AND version = ? RETURNING version`,
      )
      .bind(update.status, update.assignee, JSON.stringify(update.tags), update.first_contact_at, update.closed_at, args.now, args.by, args.id, args.site, args.version),
    ...(audit ? [auditStatement(db, audit, { ifChanged: true })] : []),
  ]);
  return (changed?.results.length ?? 0) > 0;
}

/** Add a note to a case of `site`, with its audit entry (never its text). False when there is no such case. */
export async function addNote(
  db: D1Database,
  args: { site: string; caseId: string; id: string; author: string; text: string; now: number },
  /** Null only for notes no one wrote through the API (the demo seed). */
  audit: AuditRecord | null,
): Promise<boolean> {
  const [inserted] = await db.batch<{ id: string }>([
    db
      .prepare('INSERT INTO case_notes (id, case_id, author, at, text) SELECT ?, id, ?, ?, ? FROM cases WHERE id = ? AND site = ? RETURNING id')
      .bind(args.id, args.author, args.now, args.text, args.caseId, args.site),
    db.prepare('UPDATE cases SET notes = notes + 1 WHERE id = ? AND site = ? AND changes() = 1').bind(args.caseId, args.site),
    ...(audit ? [auditStatement(db, audit, { ifChanged: true })] : []),
  ]);
  return (inserted?.results.length ?? 0) > 0;
}

/** Timelines of the cases opened in [from, to), for the stats. */
export async function caseTimelines(db: D1Database, site: string, from: number, to: number): Promise<{ cases: CaseTimeline[]; rowsRead: number }> {
  const result = await db
    .prepare('SELECT status, assignee, touchpoint, opened_at, first_contact_at, closed_at FROM cases WHERE site = ? AND opened_at >= ? AND opened_at < ?')
    .bind(site, from, to)
    .all<CaseTimeline>();
  return { cases: result.results, rowsRead: result.meta.rows_read ?? 0 };
}

/** A case's case.updated deliveries not yet tried: what a change just wrote, for the queue. */
export async function freshCaseDeliveries(db: D1Database, id: string): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM webhook_deliveries
        WHERE event = 'case.updated' AND json_extract(data, '$.id') = ? AND status = 'pending' AND attempts = 0`,
    )
    .bind(id)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** The site's case settings. */
export async function caseSettings(db: D1Database, site: string): Promise<{ auto: boolean; sla_hours: number } | null> {
  const row = await db.prepare('SELECT cases_auto, cases_sla_hours FROM sites WHERE key = ?').bind(site).first<{ cases_auto: number; cases_sla_hours: number }>();
  return row ? { auto: row.cases_auto === 1, sla_hours: row.cases_sla_hours } : null;
}
