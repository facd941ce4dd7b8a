/**
 * Webhook deliveries: the outbox rows that triggers on `responses` and
 * `erased_responses` write in the same statement as an answer, its comment or
 * its erasure (see migrations), a test an admin asks for, and their progress.
 * D1 is the source of truth for attempts; the queue only carries ids.
 *
 * An attempt is claimed before it is made: the claim pushes `next_attempt_at`
 * ahead by a lease, so a second copy of the same queue message (or a sweep
 * re-send) finds it not due and leaves it alone, and the outcome is written
 * only if no one else has recorded an attempt since.
 */
import type { Kind } from '../../shared/kinds';
import type { Delivery, DeliveryEvent, WebhookFormat } from '../../shared/schemas/webhook';
import { isoUtc } from '../../shared/time';
import { type AuditRecord, runAudited } from './audit';

interface DeliveryRow {
  id: string;
  event: DeliveryEvent;
  response: string | null;
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

/** A delivery not yet attempted, and when it is due (Unix ms). */
export interface FreshDelivery {
  id: string;
  dueAt: number;
}

/** Answers looked up per query (D1 binds at most 100 parameters; these go as one JSON array). */
const FRESH_CHUNK = 500;

/** The deliveries of these events that the answers' statement has just written (not yet attempted). */
export async function freshDeliveries(db: D1Database, responses: readonly string[], events: readonly DeliveryEvent[]): Promise<FreshDelivery[]> {
  const found: FreshDelivery[] = [];
  for (let i = 0; i < responses.length; i += FRESH_CHUNK) {
    const { results } = await db
      .prepare(
        `SELECT id, next_attempt_at AS dueAt FROM webhook_deliveries
          WHERE response IN (SELECT value FROM json_each(?1)) AND event IN (SELECT value FROM json_each(?2))
            AND status = 'pending' AND attempts = 0`,
      )
      .bind(JSON.stringify(responses.slice(i, i + FRESH_CHUNK)), JSON.stringify(events))
      .all<FreshDelivery>();
    found.push(...results);
  }
  return found;
}

/** A `webhook.test` delivery of `webhook`, due now, through the same outbox as any other; `locale` is its message's language. */
export async function insertTestDelivery(
  db: D1Database,
  args: { id: string; webhook: string; site: string; now: number; locale: string | null },
  audit: AuditRecord,
): Promise<void> {
  await runAudited(
    db,
    db.prepare(
      `INSERT INTO webhook_deliveries (id, webhook, site, event, response, data, next_attempt_at, created_at)
       VALUES (?1, ?2, ?3, 'webhook.test', NULL, json_object('locale', ?5), ?4, ?4)`,
    ).bind(args.id, args.webhook, args.site, args.now, args.locale),
    audit,
  );
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
  /** JSON array of option ids, or null. */
  reasons: string | null;
}

/** Where and how a delivery is sent. */
export interface DeliveryWebhook {
  id: string;
  url: string;
  secret: string;
  format: WebhookFormat;
  telegramChatId: string | null;
  /** The origin the Worker was reached through when the webhook was last set up (null for webhooks made before it was kept). */
  workerOrigin: string | null;
  active: boolean;
}

/** A claimed attempt: what to send, where, and how to sign it. */
export interface ClaimedDelivery {
  id: string;
  /** As stored: the consumer refuses an event it does not know. */
  event: string;
  /** Attempts made before this one. */
  attempts: number;
  /** When the event happened (Unix ms). */
  event_at: number;
  site: string;
  /** The answer's id (null for a webhook.test), kept even when the answer is gone. */
  response: string | null;
  /** What the event carries that cannot be read now (an erased answer's survey and locale), JSON. */
  data: string | null;
  webhook: DeliveryWebhook;
  /** Null when there is no answer to read (erased, or the event has none). */
  answer: DeliveryAnswer | null;
}

/** The claim's answer: the attempt is ours, or it waits for its time (an early queue message), or neither. */
export type Claim = { claimed: ClaimedDelivery } | { waitsUntil: number } | null;

interface ClaimRow {
  event: string;
  status: Delivery['status'];
  attempts: number;
  next_attempt_at: number | null;
  event_at: number;
  site: string;
  response: string | null;
  data: string | null;
  webhook_id: string;
  url: string;
  secret: string;
  format: WebhookFormat;
  telegram_chat_id: string | null;
  worker_origin: string | null;
  active: number;
  answer_id: string | null;
}

/**
 * Claim the next attempt of a pending delivery that is due by `now` (with
 * `earlyMs` of slack for a queue delay that ends a little early), holding it
 * until `leaseUntil`. When it is not due because it has never been claimed
 * and its time is still ahead (a `response.completed` waiting for its answer
 * to complete), says until when. Null when it is settled, gone, or held by
 * another attempt or retry.
 */
export async function claimDelivery(db: D1Database, id: string, times: { now: number; earlyMs: number; leaseUntil: number }): Promise<Claim> {
  const [claimed, loaded] = await db.batch<Record<string, unknown>>([
    db
      .prepare(`UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND status = 'pending' AND next_attempt_at <= ? RETURNING id`)
      .bind(times.leaseUntil, id, times.now + times.earlyMs),
    db
      .prepare(
        `SELECT d.event, d.status, d.attempts, d.next_attempt_at, d.created_at AS event_at, d.site, d.response, d.data,
                w.id AS webhook_id, w.url, w.secret, w.format, w.telegram_chat_id, w.worker_origin, w.active,
                r.id AS answer_id, r.survey, json_extract(s.definition, '$.name') AS survey_name, r.kind, r.score,
                r.comment, r.touchpoint, r.locale, r.channel, r.page, r.user, r.country, r.device, r.created_at, r.reasons
           FROM webhook_deliveries AS d
           JOIN webhooks AS w ON w.id = d.webhook
           -- A case.updated delivery names its answer in its data (one answer has many).
           LEFT JOIN responses AS r ON r.id = coalesce(d.response, CASE WHEN d.event = 'case.updated' THEN json_extract(d.data, '$.id') END)
           LEFT JOIN surveys AS s ON s.id = r.survey
          WHERE d.id = ?`,
      )
      .bind(id),
  ]);
  const row = loaded?.results[0] as (ClaimRow & Omit<DeliveryAnswer, 'id' | 'site'>) | undefined;
  if (!row) return null;
  if (!claimed?.results.length) {
    // Never claimed, and its own time (next_attempt_at = created_at) still ahead.
    const waiting = row.status === 'pending' && row.attempts === 0 && row.next_attempt_at === row.event_at;
    return waiting && row.next_attempt_at! > times.now + times.earlyMs ? { waitsUntil: row.next_attempt_at! } : null;
  }
  const {
    event, status: _status, attempts, next_attempt_at: _next, event_at, site, response, data, webhook_id, url, secret, format, telegram_chat_id,
    worker_origin, active, answer_id, ...answer
  } = row;
  return {
    claimed: {
      id,
      event,
      attempts,
      event_at,
      site,
      response,
      data,
      webhook: { id: webhook_id, url, secret, format, telegramChatId: telegram_chat_id, workerOrigin: worker_origin, active: active === 1 },
      answer: answer_id === null ? null : { ...answer, id: answer_id, site },
    },
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
  /** Unix ms when it was delivered or failed for good; null while pending. */
  settledAt: number | null;
}

/**
 * Record the outcome of the attempt claimed after `attemptsBefore` attempts.
 * False when someone else recorded one in between (its record stands).
 */
export async function recordAttempt(db: D1Database, id: string, attemptsBefore: number, outcome: AttemptOutcome): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE webhook_deliveries
          SET status = ?, attempts = attempts + ?, last_status = ?, last_error = ?, next_attempt_at = ?, delivered_at = ?, settled_at = ?
        WHERE id = ? AND status = 'pending' AND attempts = ?`,
    )
    .bind(
      outcome.status, outcome.attempted ? 1 : 0, outcome.lastStatus, outcome.lastError, outcome.nextAttemptAt, outcome.deliveredAt, outcome.settledAt,
      id, attemptsBefore,
    )
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
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, settled_at = NULL
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

/** Delete at most `limit` deliveries settled before `before` (oldest first); returns how many. */
export async function pruneSettledDeliveries(db: D1Database, before: number, limit: number): Promise<number> {
  const { results } = await db
    .prepare(
      `DELETE FROM webhook_deliveries
        WHERE id IN (SELECT id FROM webhook_deliveries WHERE settled_at IS NOT NULL AND settled_at < ? ORDER BY settled_at LIMIT ?)
       RETURNING id`,
    )
    .bind(before, limit)
    .all();
  return results.length;
}
