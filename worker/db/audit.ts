/**
 * The audit log: one entry per successful admin write, appended by a
 * statement that the write's own function adds to its batch, so the change
 * and its entry commit together or not at all.
 */
import type { AuditAction, AuditEntry } from '../../shared/schemas/team';
import { isoUtc } from '../../shared/time';

export interface AuditActor {
  kind: 'member' | 'admin_token' | 'api_key';
  email?: string;
  /** An API key's prefix. */
  key?: string;
}

/** An entry to append: what changed, never a value (no secret, key, comment or note). */
export interface AuditRecord {
  at: number;
  actor: AuditActor;
  action: AuditAction;
  site: string | null;
  target: string | null;
  fields: readonly string[];
}

/**
 * The statement that appends `entry`, for the change's own batch. With
 * `ifChanged`, the entry is written only when the statement just before it
 * in the batch changed a row (SQLite's `changes()`: that statement's rows,
 * not its triggers'), so a refused conditional write leaves no entry.
 */
export function auditStatement(db: D1Database, entry: AuditRecord, options: { ifChanged?: boolean } = {}): D1PreparedStatement {
  const condition = options.ifChanged ? ' WHERE changes() > 0' : '';
  return db
    .prepare(
      `INSERT INTO audit_log (at, actor_kind, actor_email, actor_key, action, site, target, fields)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?${condition}`,
    )
    .bind(entry.at, entry.actor.kind, entry.actor.email ?? null, entry.actor.key ?? null, entry.action, entry.site, entry.target, JSON.stringify(entry.fields));
}

/**
 * One statement and its entry in one transaction; the entry only if the
 * statement changed a row. The statement's own result is returned.
 */
export async function runAudited<T = Record<string, unknown>>(db: D1Database, statement: D1PreparedStatement, entry: AuditRecord): Promise<D1Result<T>> {
  const [result] = await db.batch<T>([statement, auditStatement(db, entry, { ifChanged: true })]);
  return result!;
}

/** Statements a write has built elsewhere, and its entry, in one transaction. */
export async function batchAudited(db: D1Database, statements: D1PreparedStatement[], entry: AuditRecord): Promise<void> {
  await db.batch([...statements, auditStatement(db, entry)]);
}

export interface AuditFilter {
  /** Sites the reader reaches (null: every site). */
  sites: readonly string[] | null;
  /** Entries about no one site (members, keys of several sites) too. */
  teamEntries: boolean;
  site?: string;
  /** An email, an API key's prefix, or `admin_token`. */
  actor?: string;
  /** An action, or a family (`survey`) for all of its actions. */
  action?: string;
  /** Entries older than this id (the previous page's last). */
  before?: number;
  limit: number;
}

interface AuditRow {
  id: number;
  at: number;
  actor_kind: AuditActor['kind'];
  actor_email: string | null;
  actor_key: string | null;
  action: AuditAction;
  site: string | null;
  target: string | null;
  fields: string;
}

function toEntry(row: AuditRow): AuditEntry {
  const actor: AuditEntry['actor'] = { kind: row.actor_kind };
  if (row.actor_email !== null) actor.email = row.actor_email;
  if (row.actor_key !== null) actor.key = row.actor_key;
  return {
    id: String(row.id),
    at: isoUtc(row.at),
    actor,
    action: row.action,
    site: row.site,
    target: row.target,
    fields: JSON.parse(row.fields) as string[],
  };
}

/** Newest first, one page; `next` is the id to continue before, or null on the last page. */
export async function listAudit(db: D1Database, filter: AuditFilter): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const where: string[] = [];
  const values: (string | number)[] = [];
  const team = filter.teamEntries ? ' OR site IS NULL' : '';
  if (filter.sites !== null) {
    where.push(`(site IN (SELECT value FROM json_each(?))${team})`);
    values.push(JSON.stringify(filter.sites));
  } else if (!filter.teamEntries) {
    where.push('site IS NOT NULL');
  }
  if (filter.site !== undefined) {
    where.push('site = ?');
    values.push(filter.site);
  }
  if (filter.actor !== undefined) {
    where.push(filter.actor === 'admin_token' ? "actor_kind = 'admin_token'" : '(actor_email = ? OR actor_key = ?)');
    if (filter.actor !== 'admin_token') values.push(filter.actor, filter.actor);
  }
  if (filter.action !== undefined) {
    where.push(filter.action.includes('.') ? 'action = ?' : "substr(action, 1, instr(action, '.') - 1) = ?");
    values.push(filter.action);
  }
  if (filter.before !== undefined) {
    where.push('id < ?');
    values.push(filter.before);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const { results } = await db
    .prepare(`SELECT id, at, actor_kind, actor_email, actor_key, action, site, target, fields FROM audit_log ${clause} ORDER BY id DESC LIMIT ?`)
    .bind(...values, filter.limit + 1)
    .all<AuditRow>();
  const page = results.slice(0, filter.limit);
  return { entries: page.map(toEntry), next: results.length > filter.limit ? page[page.length - 1]!.id : null };
}

/** Entries older than `before` (Unix ms) are dropped. */
export async function pruneAudit(db: D1Database, before: number): Promise<number> {
  const result = await db.prepare('DELETE FROM audit_log WHERE at < ?').bind(before).run();
  return result.meta.changes;
}
