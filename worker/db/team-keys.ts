/** API keys (`cxk_…`): scopes and sites, only the SHA-256 of the key stored. Read keys live in sites.ts. */
import { ACTIVITY_NOTE_MS } from '../../shared/limits';
import type { Scope } from '../../shared/roles';
import type { ApiKeyInfo } from '../../shared/schemas/team';
import { isoUtc } from '../../shared/time';
import { type AuditRecord, auditStatement, runAudited } from './audit';

interface ApiKeyRow {
  id: string;
  prefix: string;
  name: string;
  scopes: string;
  sites: string;
  created_by: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** Every column but the hash. */
const COLUMNS = 'id, prefix, name, scopes, sites, created_by, created_at, last_used_at, revoked_at';

function toInfo(row: ApiKeyRow): ApiKeyInfo {
  return {
    id: row.id,
    prefix: row.prefix,
    name: row.name,
    scopes: JSON.parse(row.scopes) as Scope[],
    sites: JSON.parse(row.sites) as string[],
    created_by: row.created_by,
    created_at: isoUtc(row.created_at),
    last_used_at: row.last_used_at === null ? null : isoUtc(row.last_used_at),
    revoked_at: row.revoked_at === null ? null : isoUtc(row.revoked_at),
  };
}

export interface NewApiKey {
  id: string;
  prefix: string;
  hash: string;
  name: string;
  scopes: readonly Scope[];
  sites: readonly string[];
  createdBy: string;
}

export async function insertApiKey(db: D1Database, key: NewApiKey, now: number, audit: AuditRecord): Promise<void> {
  await db.batch([
    db
      .prepare('INSERT INTO team_api_keys (id, prefix, hash, name, scopes, sites, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .bind(key.id, key.prefix, key.hash, key.name, JSON.stringify(key.scopes), JSON.stringify(key.sites), key.createdBy, now),
    auditStatement(db, audit),
  ]);
}

/** A live key as sign-in needs it: the hash to compare, what it may do, when last used. */
export async function findApiKey(
  db: D1Database,
  prefix: string,
): Promise<{ id: string; hash: string; scopes: Scope[]; sites: string[]; lastUsedAt: number | null } | null> {
  const row = await db
    .prepare('SELECT id, hash, scopes, sites, last_used_at FROM team_api_keys WHERE prefix = ? AND revoked_at IS NULL')
    .bind(prefix)
    .first<{ id: string; hash: string; scopes: string; sites: string; last_used_at: number | null }>();
  if (!row) return null;
  return { id: row.id, hash: row.hash, scopes: JSON.parse(row.scopes) as Scope[], sites: JSON.parse(row.sites) as string[], lastUsedAt: row.last_used_at };
}

/**
 * SQL that holds when every site of the key is among `?` (a JSON list of
 * sites; a key for every site only when the list holds "*").
 */
const WITHIN_SITES = `NOT EXISTS (SELECT 1 FROM json_each(team_api_keys.sites) AS k
                                   WHERE NOT EXISTS (SELECT 1 FROM json_each(?) AS mine WHERE mine.value IN ('*', k.value)))`;

/** Keys newest first, revoked ones too; `within`: only keys whose every site is in that list (null: all keys). */
export async function listApiKeys(db: D1Database, within: readonly string[] | null): Promise<ApiKeyInfo[]> {
  const statement =
    within === null
      ? db.prepare(`SELECT ${COLUMNS} FROM team_api_keys ORDER BY created_at DESC, id`)
      : db.prepare(`SELECT ${COLUMNS} FROM team_api_keys WHERE ${WITHIN_SITES} ORDER BY created_at DESC, id`).bind(JSON.stringify(within));
  const { results } = await statement.all<ApiKeyRow>();
  return results.map(toInfo);
}

export async function getApiKey(db: D1Database, id: string): Promise<ApiKeyInfo | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM team_api_keys WHERE id = ?`).bind(id).first<ApiKeyRow>();
  return row ? toInfo(row) : null;
}

/** Revoke a live key (only one within `within`'s sites, when given), with its audit entry; false when there is none. */
export async function revokeApiKey(db: D1Database, args: { id: string; within: readonly string[] | null; now: number }, audit: AuditRecord): Promise<boolean> {
  const statement =
    args.within === null
      ? db.prepare('UPDATE team_api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').bind(args.now, args.id)
      : db.prepare(`UPDATE team_api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND ${WITHIN_SITES}`).bind(args.now, args.id, JSON.stringify(args.within));
  const result = await runAudited(db, statement, audit);
  return result.meta.changes > 0;
}

/** Note that a key was used; writes nothing when it was noted less than ACTIVITY_NOTE_MS ago. */
export async function touchApiKey(db: D1Database, id: string, now: number): Promise<void> {
  await db
    .prepare('UPDATE team_api_keys SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at <= ?1 - ?3)')
    .bind(now, id, ACTIVITY_NOTE_MS)
    .run();
}
