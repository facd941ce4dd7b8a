/**
 * Webhook deliveries: the outbox rows that triggers on `responses` write in
 * the same statement as an answer or its comment (see migrations), and their
 * progress. D1 is the source of truth for attempts; the queue only carries ids.
 *
 * An attempt is claimed before it is made: the claim pushes `next_attempt_at`
 * ahead by a lease, so a second copy of the same queue message (or a sweep
 * re-send) finds it not due and leaves it alone, and the outcome is written
 * only if no one else has recorded an attempt since.
 */
import type { Kind } from '../../shared/kinds';
import type { Delivery, WebhookEvent, WebhookFormat } from '../../shared/schemas/webhook';
import { isoUtc } from '../../shared/time';
import { type AuditRecord, runAudited } from './audit';

interface DeliveryRow {
  id: string;
  event: WebhookEvent;
  response: string;
  status: Delivery['status'];
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: number | null;
  delivered_at: number | null;
  created_at: number;
}

const COLUMNS = 'id, event, response, status, attempts, last_status, last_error, next_attempt_at, delivered_at, created_at';

function toDelivery(row: DeliveryRow): Delivery {
  const iso = (ms: number | null) => (ms === null ? null : isoUtc(ms));
  return {
    ...row,
    // A settled delivery has no next attempt, whatever the column last held.
    next_attempt_at: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    delivered_at: iso(row.delivered_at),
    created_at: isoUtc(row.created_at),
  };
}

/** A webhook's deliveries, newest first. */
export async function listDeliveries(db: D1Database, webhook: string, limit: number): Promise<Delivery[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM webhook_deliveries WHERE webhook = ? ORDER BY created_at DESC, id DESC LIMIT ?`)
    .bind(webhook, limit)
    .all<DeliveryRow>();
  return results.map(toDelivery);
}

export async function getDelivery(db: D1Database, webhook: string, id: string): Promise<Delivery | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM webhook_deliveries WHERE id = ? AND webhook = ?`).bind(id, webhook).first<DeliveryRow>();
  return row ? toDelivery(row) : null;
}

/** Ids of the deliveries an answer event has just written (not yet attempted). */
export async function newDeliveryIds(db: D1Database, response: string, event: WebhookEvent): Promise<string[]> {
  const { results } = await db
    .prepare(`SELECT id FROM webhook_deliveries WHERE response = ? AND event = ? AND status = 'pending' AND attempts = 0`)
    .bind(response, event)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** The answer a delivery is about, as the payload needs it. */
export interface DeliveryAnswer {
  id: string;
  site: string;
  survey: string;
  /** The survey's name, when it has one. */
  survey_name: string | null;
  kind: Kind;
  score: number;
  comment: string | null;
  touchpoint: string;
  locale: string;
  channel: string;
  page: string | null;
  user: string | null;
  country: string;
  device: string;
  /** Unix ms. */
  created_at: number;
}

/** A claimed attempt: what to send, where, and how to sign it. */
export interface ClaimedDelivery {
  id: string;
  event: WebhookEvent;
  /** Attempts made before this one. */
  attempts: number;
  /** When the event happened (Unix ms). */
  event_at: number;
  webhook: { url: string; secret: string; format: WebhookFormat; active: boolean };
  /** Null when the answer was erased since. */
  answer: DeliveryAnswer | null;
}

interface ClaimRow {
  event: WebhookEvent;
  attempts: number;
  event_at: number;
  url: string;
  secret: string;
  format: WebhookFormat;
  active: number;
  answer_id: string | null;
}

/**
 * Claim the next attempt of a pending delivery that is due by `now` (with
 * `earlyMs` of slack for a queue delay that ends a little early), holding it
 * until `leaseUntil`. Null when it is settled, gone, or not due (another copy
 * of its message holds it, or its retry is still ahead).
 */
export async function claimDelivery(
  db: D1Database,
  id: string,
  times: { now: number; earlyMs: number; leaseUntil: number },
): Promise<ClaimedDelivery | null> {
  const [claimed, loaded] = await db.batch<Record<string, unknown>>([
    db
      .prepare(`UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND status = 'pending' AND next_attempt_at <= ? RETURNING id`)
      .bind(times.leaseUntil, id, times.now + times.earlyMs),
    db
      .prepare(
        `SELECT d.event, d.attempts, d.created_at AS event_at, w.url, w.secret, w.format, w.active,
                r.id AS answer_id, r.site, r.survey, json_extract(s.definition, '$.name') AS survey_name, r.kind, r.score,
                r.comment, r.touchpoint, r.locale, r.channel, r.page, r.user, r.country, r.device, r.created_at
           FROM webhook_deliveries AS d
           JOIN webhooks AS w ON w.id = d.webhook
           LEFT JOIN responses AS r ON r.id = d.response
           LEFT JOIN surveys AS s ON s.id = r.survey
          WHERE d.id = ?`,
      )
      .bind(id),
  ]);
  if (!claimed?.results.length) return null;
  const row = loaded?.results[0] as (ClaimRow & Omit<DeliveryAnswer, 'id'>) | undefined;
  if (!row) return null;
  const { event, attempts, event_at, url, secret, format, active, answer_id, ...answer } = row;
  return {
    id,
    event,
    attempts,
    event_at,
    webhook: { url, secret, format, active: active === 1 },
    answer: answer_id === null ? null : { ...answer, id: answer_id },
  };
}

/** What became of a claimed attempt. */
export interface AttemptOutcome {
  status: Delivery['status'];
  /** Was a request made (false when the delivery was settled without one)? */
  attempted: boolean;
  lastStatus: number | null;
  lastError: string | null;
  /** Unix ms of the next attempt, for a pending delivery. */
  nextAttemptAt: number | null;
  deliveredAt: number | null;
}

/**
 * Record the outcome of the attempt claimed after `attemptsBefore` attempts.
 * False when someone else recorded one in between (its record stands).
 */
export async function recordAttempt(db: D1Database, id: string, attemptsBefore: number, outcome: AttemptOutcome): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE webhook_deliveries
          SET status = ?, attempts = attempts + ?, last_status = ?, last_error = ?, next_attempt_at = ?, delivered_at = ?
        WHERE id = ? AND status = 'pending' AND attempts = ?`,
    )
    .bind(outcome.status, outcome.attempted ? 1 : 0, outcome.lastStatus, outcome.lastError, outcome.nextAttemptAt, outcome.deliveredAt, id, attemptsBefore)
    .run();
  return result.meta.changes === 1;
}

/**
 * An admin's retry of a failed delivery: pending again, due now, with a fresh
 * set of attempts. 'not_failed' when it is pending or delivered.
 */
export async function reopenFailedDelivery(
  db: D1Database,
  args: { webhook: string; id: string; now: number },
  audit: AuditRecord,
): Promise<'reopened' | 'not_found' | 'not_failed'> {
  const { webhook, id, now } = args;
  const reopened = await runAudited(
    db,
    db.prepare(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?
        WHERE id = ? AND webhook = ? AND status = 'failed' RETURNING id`,
    ).bind(now, id, webhook),
    audit,
  );
  if (reopened.results.length > 0) return 'reopened';
  return (await getDelivery(db, webhook, id)) ? 'not_failed' : 'not_found';
}

/**
 * The sweep: pending deliveries due before `cutoff` whose queue message was
 * evidently lost, oldest first, at most `limit`. They are stamped due `now`,
 * so the next sweep leaves them alone while their new message is on its way.
 */
export async function takeOverdueDeliveries(db: D1Database, args: { cutoff: number; now: number; limit: number }): Promise<string[]> {
  const { results } = await db
    .prepare(
      `UPDATE webhook_deliveries SET next_attempt_at = ?
        WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE status = 'pending' AND next_attempt_at <= ?
                      ORDER BY next_attempt_at LIMIT ?)
       RETURNING id`,
    )
    .bind(args.now, args.cutoff, args.limit)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}
