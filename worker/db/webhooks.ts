/** Webhooks of a site: where and in which format matching answers are posted. */
import type { Kind } from '../../shared/kinds';
import {
  HEALTH_WINDOW, MAX_WEBHOOKS_PER_SITE, maskBotTokens, type WebhookEvent, type WebhookFilter, type WebhookFormat, type WebhookPatch,
  type WebhookRecord,
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
  telegram_chat_id: string | null;
  active: number;
  failing: number;
  created_at: number;
  updated_at: number;
}

/**
 * Every column but the secret (written once, read only to sign), and whether
 * the last HEALTH_WINDOW settled deliveries all failed (read through the
 * webhook's deliveries index, newest first).
 */
const COLUMNS = `id, url, events, kinds, min_score, max_score, touchpoints, format, telegram_chat_id, active, created_at, updated_at,
  (SELECT COUNT(*) = ${HEALTH_WINDOW} AND MIN(status = 'failed') = 1
     FROM (SELECT status FROM webhook_deliveries AS d
            WHERE d.webhook = webhooks.id AND d.status != 'pending'
            ORDER BY d.created_at DESC LIMIT ${HEALTH_WINDOW})) AS failing`;

function toRecord(row: WebhookRow): WebhookRecord {
  const filter: WebhookRecord['filter'] = {};
  if (row.kinds !== null) filter.kinds = JSON.parse(row.kinds) as Kind[];
  if (row.min_score !== null) filter.min_score = row.min_score;
  if (row.max_score !== null) filter.max_score = row.max_score;
  if (row.touchpoints !== null) filter.touchpoints = JSON.parse(row.touchpoints) as string[];
  return {
    id: row.id,
    url: maskBotTokens(row.url),
    events: JSON.parse(row.events) as WebhookEvent[],
    filter,
    format: row.format,
    telegram_chat_id: row.telegram_chat_id,
    active: row.active === 1,
    health: row.failing === 1 ? 'failing' : 'ok',
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
  telegramChatId: string | null;
  /** The origin the Worker was reached through: messages link to its console (unless CONSOLE_URL is set). */
  workerOrigin: string;
}

/** Stored, or refused because the site already has the most webhooks it may have (checked in the same statement). */
export async function insertWebhook(db: D1Database, w: NewWebhook, now: number, audit: AuditRecord): Promise<'stored' | 'limit'> {
  const inserted = await runAudited(
    db,
    db.prepare(
      `INSERT INTO webhooks (id, site, url, secret, events, kinds, min_score, max_score, touchpoints, format, telegram_chat_id, worker_origin, active, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?13, ?14, 1, ?11, ?11
        WHERE (SELECT COUNT(*) FROM webhooks WHERE site = ?2) < ?12
       RETURNING id`,
    ).bind(
      w.id, w.site, w.url, w.secret, JSON.stringify(w.events), ...filterColumns(w.filter), w.format, now, MAX_WEBHOOKS_PER_SITE,
      w.telegramChatId, w.workerOrigin,
    ),
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

/**
 * Apply a patch (a new `filter` replaces the old one whole; `telegram_chat_id`
 * as the route settled it), noting the origin it came through, with its
 * audit entry; false when there is no such webhook.
 */
export async function updateWebhook(
  db: D1Database,
  site: string,
  id: string,
  patch: WebhookPatch,
  at: { now: number; workerOrigin: string },
  audit: AuditRecord,
): Promise<boolean> {
  const sets: string[] = [];
  const values: (string | number | null)[] = [];
  const set = (column: string, value: string | number | null) => {
    sets.push(`${column} = ?`);
    values.push(value);
  };
  set('updated_at', at.now);
  set('worker_origin', at.workerOrigin);
  if (patch.telegram_chat_id !== undefined) set('telegram_chat_id', patch.telegram_chat_id);
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

/** Note the origin the Worker was reached through for this webhook (its messages link to the console there). */
export async function updateWebhookOrigin(db: D1Database, id: string, workerOrigin: string): Promise<void> {
  await db.prepare('UPDATE webhooks SET worker_origin = ? WHERE id = ?').bind(workerOrigin, id).run();
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
