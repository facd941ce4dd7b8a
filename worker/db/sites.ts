/** Sites, their allowed origins and read keys. */
import type { ReadKeyInfo, Site, SitePatch } from '../../shared/schemas/site';
import { isoUtc } from '../../shared/time';
import { type AuditRecord, auditStatement, runAudited } from './audit';
import { registerValues, releaseJourney } from './values';

interface SiteRow {
  key: string;
  name: string;
  origins: string;
  journey: string;
  cooldown_days: number;
  complete_after_s: number;
  touchpoint_labels: string;
  cases_auto: number;
  cases_sla_hours: number;
  created_at: number;
}

const COLUMNS = 'key, name, origins, journey, cooldown_days, complete_after_s, touchpoint_labels, cases_auto, cases_sla_hours, created_at';

function toSite(row: SiteRow): Site {
  return {
    site: row.key,
    name: row.name,
    origins: JSON.parse(row.origins) as string[],
    journey: JSON.parse(row.journey) as string[],
    cooldown_days: row.cooldown_days,
    complete_after_s: row.complete_after_s,
    touchpoint_labels: JSON.parse(row.touchpoint_labels) as Site['touchpoint_labels'],
    cases: { auto: row.cases_auto === 1, sla_hours: row.cases_sla_hours },
    created_at: isoUtc(row.created_at),
  };
}

function originStatements(db: D1Database, site: string, origins: string[]): D1PreparedStatement[] {
  const insert = db.prepare('INSERT OR IGNORE INTO site_origins (origin, site) VALUES (?, ?)');
  return origins.map((origin) => insert.bind(origin, site));
}

export interface NewSite {
  key: string;
  name: string;
  origins: string[];
  readKey: { prefix: string; hash: string };
}

/** Site, origins, first read key and the audit entry in one transaction. */
export async function insertSite(db: D1Database, site: NewSite, now: number, audit: AuditRecord): Promise<void> {
  await db.batch([
    db.prepare('INSERT INTO sites (key, name, origins, created_at) VALUES (?, ?, ?, ?)').bind(site.key, site.name, JSON.stringify(site.origins), now),
    ...originStatements(db, site.key, site.origins),
    db.prepare('INSERT INTO api_keys (prefix, site, hash, created_at) VALUES (?, ?, ?, ?)').bind(site.readKey.prefix, site.key, site.readKey.hash, now),
    auditStatement(db, audit),
  ]);
}

export async function getSite(db: D1Database, key: string): Promise<Site | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM sites WHERE key = ?`).bind(key).first<SiteRow>();
  return row ? toSite(row) : null;
}

/** Sites by creation; `within`: only these keys (null: every site). */
export async function listSites(db: D1Database, within: readonly string[] | null = null): Promise<Site[]> {
  const statement =
    within === null
      ? db.prepare(`SELECT ${COLUMNS} FROM sites ORDER BY created_at, key`)
      : db.prepare(`SELECT ${COLUMNS} FROM sites WHERE key IN (SELECT value FROM json_each(?)) ORDER BY created_at, key`).bind(JSON.stringify(within));
  const { results } = await statement.all<SiteRow>();
  return results.map(toSite);
}

/** Which of these site keys name no site. */
export async function missingSites(db: D1Database, keys: readonly string[]): Promise<string[]> {
  const { results } = await db
    .prepare('SELECT value AS key FROM json_each(?) WHERE value NOT IN (SELECT key FROM sites)')
    .bind(JSON.stringify(keys))
    .all<{ key: string }>();
  return results.map((r) => r.key);
}

/**
 * Apply a patch (the caller knows the site exists), with its audit entry, in
 * one transaction. Null only for writes no one made through the API (the demo seed).
 */
export async function updateSite(
  db: D1Database,
  key: string,
  patch: Partial<SitePatch>,
  now: number,
  audit: AuditRecord | null,
): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  if (patch.cooldown_days !== undefined) statements.push(db.prepare('UPDATE sites SET cooldown_days = ? WHERE key = ?').bind(patch.cooldown_days, key));
  if (patch.journey !== undefined) {
    statements.push(
      db.prepare('UPDATE sites SET journey = ? WHERE key = ?').bind(JSON.stringify(patch.journey), key),
      // The admin named these touchpoints: they are always stored as sent, whatever the site's cap.
      releaseJourney(db, key, patch.journey),
    );
    if (patch.journey.length > 0) statements.push(registerValues(db, key, 'touchpoint', patch.journey, 'journey', now));
  }
  if (patch.name !== undefined) statements.push(db.prepare('UPDATE sites SET name = ? WHERE key = ?').bind(patch.name, key));
  if (patch.complete_after_s !== undefined) {
    statements.push(db.prepare('UPDATE sites SET complete_after_s = ? WHERE key = ?').bind(patch.complete_after_s, key));
  }
  if (patch.touchpoint_labels !== undefined) {
    statements.push(db.prepare('UPDATE sites SET touchpoint_labels = ? WHERE key = ?').bind(JSON.stringify(patch.touchpoint_labels), key));
  }
  if (patch.cases?.auto !== undefined) statements.push(db.prepare('UPDATE sites SET cases_auto = ? WHERE key = ?').bind(patch.cases.auto ? 1 : 0, key));
  if (patch.cases?.sla_hours !== undefined) statements.push(db.prepare('UPDATE sites SET cases_sla_hours = ? WHERE key = ?').bind(patch.cases.sla_hours, key));
  if (patch.origins !== undefined) {
    statements.push(
      db.prepare('UPDATE sites SET origins = ? WHERE key = ?').bind(JSON.stringify(patch.origins), key),
      db.prepare('DELETE FROM site_origins WHERE site = ?').bind(key),
      ...originStatements(db, key, patch.origins),
    );
  }
  await db.batch(audit ? [...statements, auditStatement(db, audit)] : statements);
}

/** Is `origin` allowed for any site? Answers CORS preflights, which carry no site. */
export async function isKnownOrigin(db: D1Database, origin: string): Promise<boolean> {
  const row = await db.prepare('SELECT 1 AS known FROM site_origins WHERE origin = ? LIMIT 1').bind(origin).first();
  return row !== null;
}

export async function insertReadKey(db: D1Database, site: string, key: { prefix: string; hash: string }, now: number, audit: AuditRecord): Promise<void> {
  await db.batch([
    db.prepare('INSERT INTO api_keys (prefix, site, hash, created_at) VALUES (?, ?, ?, ?)').bind(key.prefix, site, key.hash, now),
    auditStatement(db, audit),
  ]);
}

export async function findReadKey(db: D1Database, prefix: string): Promise<{ site: string; hash: string } | null> {
  return db.prepare('SELECT site, hash FROM api_keys WHERE prefix = ? AND revoked_at IS NULL').bind(prefix).first<{ site: string; hash: string }>();
}

/** A site's read keys by prefix, newest first, revoked ones included (never their hashes). */
export async function listReadKeys(db: D1Database, site: string): Promise<ReadKeyInfo[]> {
  const { results } = await db
    .prepare('SELECT prefix, created_at, revoked_at FROM api_keys WHERE site = ? ORDER BY created_at DESC, prefix')
    .bind(site)
    .all<{ prefix: string; created_at: number; revoked_at: number | null }>();
  return results.map((row) => ({
    prefix: row.prefix,
    created_at: isoUtc(row.created_at),
    revoked_at: row.revoked_at === null ? null : isoUtc(row.revoked_at),
  }));
}

/** True when a live key of that site was revoked (and its audit entry written with it). */
export async function revokeReadKey(db: D1Database, site: string, prefix: string, now: number, audit: AuditRecord): Promise<boolean> {
  const result = await runAudited(
    db,
    db.prepare('UPDATE api_keys SET revoked_at = ? WHERE prefix = ? AND site = ? AND revoked_at IS NULL').bind(now, prefix, site),
    audit,
  );
  return result.meta.changes === 1;
}
