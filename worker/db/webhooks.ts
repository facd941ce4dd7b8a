/** Webhooks of a site: where and in which format matching answers are posted. */
import type { Kind } from '../../shared/kinds';
import {
  MAX_WEBHOOKS_PER_SITE, type WebhookEvent, type WebhookFilter, type WebhookFormat, type WebhookPatch, type WebhookRecord,
} from '../../shared/schemas/webhook';
import { isoUtc } from '../../shared/time';
import { type AuditRecord, runAudited } from './audit';

interface WebhookRow {
  id: string;
  url: string;
  events: string;
  kinds: string | null;
  min_score: number | null;
  max_score: number | null;
  touchpoints: string | null;
  format: WebhookFormat;
  active: number;
  created_at: number;
  updated_at: number;
}

/** Every column but the secret, which is written once and read only to sign. */
const COLUMNS = 'id, url, events, kinds, min_score, max_score, touchpoints, format, active, created_at, updated_at';

function toRecord(row: WebhookRow): WebhookRecord {
  const filter: WebhookRecord['filter'] = {};
  if (row.kinds !== null) filter.kinds = JSON.parse(row.kinds) as Kind[];
  if (row.min_score !== null) filter.min_score = row.min_score;
  if (row.max_score !== null) filter.max_score = row.max_score;
  if (row.touchpoints !== null) filter.touchpoints = JSON.parse(row.touchpoints) as string[];
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEvent[],
    filter,
    format: row.format,
    active: row.active === 1,
    created_at: isoUtc(row.created_at),
    updated_at: isoUtc(row.updated_at),
  };
}

/** The filter as its columns: an absent field is NULL and matches everything (see the triggers in migrations). */
function filterColumns(filter: WebhookFilter): [kinds: string | null, min: number | null, max: number | null, touchpoints: string | null] {
  return [
    filter.kinds ? JSON.stringify(filter.kinds) : null,
    filter.min_score ?? null,
    filter.max_score ?? null,
    filter.touchpoints ? JSON.stringify(filter.touchpoints) : null,
  ];
}

export interface NewWebhook {
  id: string;
  site: string;
  url: string;
  secret: string;
  events: WebhookEvent[];
  filter: WebhookFilter;
  format: WebhookFormat;
}

/** Stored, or refused because the site already has the most webhooks it may have (checked in the same statement). */
export async function insertWebhook(db: D1Database, w: NewWebhook, now: number, audit: AuditRecord): Promise<'stored' | 'limit'> {
  const inserted = await runAudited(
    db,
    db.prepare(
      `INSERT INTO webhooks (id, site, url, secret, events, kinds, min_score, max_score, touchpoints, format, active, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?11
        WHERE (SELECT COUNT(*) FROM webhooks WHERE site = ?2) < ?12
       RETURNING id`,
    ).bind(w.id, w.site, w.url, w.secret, JSON.stringify(w.events), ...filterColumns(w.filter), w.format, now, MAX_WEBHOOKS_PER_SITE),
    audit,
  );
  return inserted.results.length > 0 ? 'stored' : 'limit';
}

export async function listWebhooks(db: D1Database, site: string): Promise<WebhookRecord[]> {
  const { results } = await db.prepare(`SELECT ${COLUMNS} FROM webhooks WHERE site = ? ORDER BY created_at, id`).bind(site).all<WebhookRow>();
  return results.map(toRecord);
}

export async function getWebhook(db: D1Database, site: string, id: string): Promise<WebhookRecord | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM webhooks WHERE id = ? AND site = ?`).bind(id, site).first<WebhookRow>();
  return row ? toRecord(row) : null;
}

/** Apply a patch (a new `filter` replaces the old one whole); false when there is no such webhook. */
export async function updateWebhook(db: D1Database, site: string, id: string, patch: WebhookPatch, now: number, audit: AuditRecord): Promise<boolean> {
  const sets: string[] = [];
  const values: (string | number | null)[] = [];
  const set = (column: string, value: string | number | null) => {
    sets.push(`${column} = ?`);
    values.push(value);
  };
  set('updated_at', now);
  if (patch.url !== undefined) set('url', patch.url);
  if (patch.events !== undefined) set('events', JSON.stringify(patch.events));
  if (patch.format !== undefined) set('format', patch.format);
  if (patch.active !== undefined) set('active', patch.active ? 1 : 0);
  if (patch.filter !== undefined) {
    const [kinds, min, max, touchpoints] = filterColumns(patch.filter);
    set('kinds', kinds);
    set('min_score', min);
    set('max_score', max);
    set('touchpoints', touchpoints);
  }
  const result = await runAudited(db, db.prepare(`UPDATE webhooks SET ${sets.join(', ')} WHERE id = ? AND site = ?`).bind(...values, id, site), audit);
  return result.meta.changes > 0;
}

/** Delete a webhook and, by cascade, its deliveries; false when there is no such webhook. */
export async function deleteWebhook(db: D1Database, site: string, id: string, audit: AuditRecord): Promise<boolean> {
  const deleted = await runAudited(db, db.prepare('DELETE FROM webhooks WHERE id = ? AND site = ? RETURNING id').bind(id, site), audit);
  return deleted.results.length > 0;
}

/** Does the site have a webhook that can match answers? (Answers of other sites skip the queue.) */
export async function hasActiveWebhooks(db: D1Database, site: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 FROM webhooks WHERE site = ? AND active = 1 LIMIT 1').bind(site).first()) !== null;
}
