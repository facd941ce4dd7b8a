/** Raw responses. Rollups follow by trigger (see migrations), in the same statement. */
import { type AuditRecord, auditStatement } from './audit';
import type { Kind } from '../../shared/kinds';
import { type Channel, WEB_CHANNEL } from '../../shared/schemas/channel';
import type { ResponseBody } from '../../shared/schemas/response';
import { afterStoredAnswer } from './cooldowns';
import { cappedSql } from './values';

export interface StoredResponse extends ResponseBody {
  kind: Kind;
  /** Set only by link pages; the widget's answers are `web`. */
  channel?: Channel;
  country: string;
  device: string;
  createdAt: number;
}

/** How many answers one client may give one survey per hour. */
export interface AnswerQuota {
  /** A keyed hash of the client's address. */
  client: string;
  limit: number;
}

export interface InsertOptions {
  /** The client's hourly quota for the survey; null for an answer that is its own budget (a single-use link's). */
  quota: AnswerQuota | null;
  /** Keyed hashes of the answer's user (db/suppressions.ts): stored nothing when the site suppressed one of them. */
  suppressed?: readonly string[];
  /** The touchpoint was named by the admin (a minted link's): stored as sent, whatever the site's cap. */
  touchpointNamed?: boolean;
  /** The visitor's key in the cooldown index: for an identified visitor of a site with a cooldown only. */
  cooldown?: { visitor: string };
}

export type InsertOutcome = 'stored' | 'duplicate' | 'conflict' | 'over_quota' | 'suppressed';

const HOUR_MS = 60 * 60 * 1000;

/** When the quota hour of `at` (Unix ms) ends. */
export const quotaHourEnd = (at: number): number => (Math.floor(at / HOUR_MS) + 1) * HOUR_MS;

/**
 * Insert once per client UUID, in one transaction: the answer is written
 * unless its id was erased, its user suppressed, or the client has used its
 * quota for this survey this hour (a touchpoint or locale past the site's
 * cap stored empty), and the quota counts it.
 *
 * A replay of an id already stored for the same site, or erased there, is a
 * harmless duplicate; the same id on another site is a conflict.
 */
export async function insertResponse(db: D1Database, r: StoredResponse, options: InsertOptions): Promise<InsertOutcome> {
  const { quota } = options;
  const hour = Math.floor(r.createdAt / HOUR_MS);
  const suppressed = JSON.stringify(options.suppressed ?? []);
  const touchpoint = options.touchpointNamed ? '?8' : cappedSql('touchpoint', '?2', '?8', 'answer');
  const insert = db
    .prepare(
      `INSERT INTO responses (id, site, survey, kind, score, comment, commented_at, touchpoint, locale, page, user, meta, country, device, created_at, channel)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ${touchpoint}, ${cappedSql('locale', '?2', '?9', 'answer')}, ?10, ?11, ?12, ?13, ?14, ?15, ?19
        WHERE NOT EXISTS (SELECT 1 FROM erased_responses WHERE id = ?1)
          AND (?18 IS NULL OR COALESCE((SELECT n FROM answer_quota WHERE hour = ?16 AND client = ?17 AND survey = ?3), 0) < ?18)
          AND (?20 = '[]' OR NOT EXISTS (SELECT 1 FROM suppressed_users WHERE site = ?2 AND hash IN (SELECT value FROM json_each(?20))))
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
    )
    .bind(
      r.id,
      r.site,
      r.survey,
      r.kind,
      r.score,
      r.comment ?? null,
      r.comment === undefined ? null : r.createdAt,
      r.touchpoint ?? '',
      r.locale ?? '',
      r.page ?? null,
      r.user ?? null,
      r.meta === undefined ? null : JSON.stringify(r.meta),
      r.country,
      r.device,
      r.createdAt,
      hour,
      quota?.client ?? null,
      quota?.limit ?? null,
      r.channel ?? WEB_CHANNEL,
      suppressed,
    );
  // changes() is the row count of the statement just before, in this transaction (triggers excluded).
  const count = quota
    ? [
        db
          .prepare(
            `INSERT INTO answer_quota (hour, client, survey, n) SELECT ?1, ?2, ?3, 1 WHERE changes() = 1
             ON CONFLICT (hour, client, survey) DO UPDATE SET n = n + 1`,
          )
          .bind(hour, quota.client, r.survey),
      ]
    : [];
  // Follows the insert or the quota's count, each of which changed a row only if the answer was stored.
  const cooldown = options.cooldown ? [afterStoredAnswer(db, r.site, options.cooldown.visitor, r.createdAt)] : [];
  const [inserted] = await db.batch<{ id: string }>([insert, ...count, ...cooldown]);
  // RETURNING yields the row only when it was inserted.
  if ((inserted?.results.length ?? 0) > 0) return 'stored';
  const why = await db
    .prepare(
      `SELECT (SELECT site FROM responses WHERE id = ?1) AS stored,
              (SELECT site FROM erased_responses WHERE id = ?1) AS erased,
              EXISTS (SELECT 1 FROM suppressed_users WHERE site = ?2 AND hash IN (SELECT value FROM json_each(?3))) AS suppressed`,
    )
    .bind(r.id, r.site, suppressed)
    .first<{ stored: string | null; erased: string | null; suppressed: number }>();
  const owner = why?.stored ?? why?.erased ?? null;
  if (owner !== null) return owner === r.site ? 'duplicate' : 'conflict';
  return why?.suppressed ? 'suppressed' : 'over_quota';
}

/** A late comment may be added once, within this long after the answer. */
export const COMMENT_WINDOW_MS = 60 * 60 * 1000;

export type CommentOutcome = 'stored' | 'not_found' | 'conflict';

export async function addComment(
  db: D1Database,
  args: { id: string; site: string; comment: string; now: number },
): Promise<CommentOutcome> {
  // RETURNING yields the row only when it was updated (meta.changes would
  // also count the webhook deliveries a trigger wrote).
  const updated = await db
    .prepare(
      `UPDATE responses SET comment = ?, commented_at = ?
        WHERE id = ? AND site = ? AND comment IS NULL AND created_at >= ?
       RETURNING id`,
    )
    .bind(args.comment, args.now, args.id, args.site, args.now - COMMENT_WINDOW_MS)
    .first();
  if (updated !== null) return 'stored';
  const existing = await db.prepare('SELECT 1 FROM responses WHERE id = ? AND site = ?').bind(args.id, args.site).first();
  return existing ? 'conflict' : 'not_found';
}

export type ReasonsOutcome = 'stored' | 'not_found' | 'conflict';

/** The answer reasons are posted for: its survey, and whether reasons may still be added. */
export async function findAnswer(
  db: D1Database,
  args: { id: string; site: string; now: number },
): Promise<{ survey: string; open: boolean } | null> {
  const row = await db
    .prepare('SELECT survey, reasons IS NULL AND created_at >= ? AS open FROM responses WHERE id = ? AND site = ?')
    .bind(args.now - COMMENT_WINDOW_MS, args.id, args.site)
    .first<{ survey: string; open: number }>();
  return row && { survey: row.survey, open: row.open === 1 };
}

/**
 * Reasons are set once, within the comment's 60 minutes of the answer
 * (docs/contract.md §15). A trigger adds them to the rollups in the same
 * statement. 'conflict' when they were set already or the window is over.
 */
export async function addReasons(
  db: D1Database,
  args: { id: string; site: string; reasons: string[]; now: number },
): Promise<ReasonsOutcome> {
  const updated = await db
    .prepare(
      `UPDATE responses SET reasons = ?
        WHERE id = ? AND site = ? AND reasons IS NULL AND created_at >= ?
       RETURNING id`,
    )
    .bind(JSON.stringify(args.reasons), args.id, args.site, args.now - COMMENT_WINDOW_MS)
    .first();
  if (updated !== null) return 'stored';
  const existing = await db.prepare('SELECT 1 FROM responses WHERE id = ? AND site = ?').bind(args.id, args.site).first();
  return existing ? 'conflict' : 'not_found';
}

/** Answers erased per transaction: each chunk stays well inside D1's time limit per statement. */
export const ERASE_CHUNK = 500;

/**
 * GDPR erase: remove a user's responses, a chunk at a time. Each chunk keeps
 * the ids as tombstones (so a replay cannot bring an answer back) and deletes
 * the rows in one transaction; the tombstone's trigger replaces the answer's
 * webhook deliveries with `response.erased` ones, the delete trigger takes
 * each answer out of the rollups, each in the same statement. Both
 * statements pick the same rows (the user's index is in rowid order).
 * Returns the ids removed.
 */
export async function eraseUser(db: D1Database, site: string, user: string, now: number, audit: AuditRecord): Promise<string[]> {
  const erased: string[] = [];
  for (let chunk = 0; ; chunk++) {
    const [, deleted] = await db.batch<{ id: string }>([
      db
        .prepare(
          `INSERT OR IGNORE INTO erased_responses (id, site, erased_at)
           SELECT id, site, ?3 FROM responses WHERE site = ?1 AND user = ?2 ORDER BY rowid LIMIT ?4`,
        )
        .bind(site, user, now, ERASE_CHUNK),
      db
        .prepare(
          `DELETE FROM responses WHERE rowid IN (SELECT rowid FROM responses WHERE site = ?1 AND user = ?2 ORDER BY rowid LIMIT ?3)
           RETURNING id`,
        )
        .bind(site, user, ERASE_CHUNK),
      // The entry goes with the first chunk: the request is logged (its links were suppressed) even when no answer was left.
      ...(chunk === 0 ? [auditStatement(db, audit)] : []),
    ]);
    const ids = deleted?.results.map((r) => r.id) ?? [];
    erased.push(...ids);
    if (ids.length < ERASE_CHUNK) return erased;
  }
}

/**
 * Erase one answer (a comment that holds personal data, an answer given
 * without a user id): tombstone and delete in one transaction, its webhook
 * deliveries and the rollups following by trigger. True when it was there.
 */
export async function eraseResponse(db: D1Database, site: string, id: string, now: number, audit: AuditRecord): Promise<boolean> {
  const [, deleted] = await db.batch<{ id: string }>([
    db.prepare('INSERT OR IGNORE INTO erased_responses (id, site, erased_at) SELECT id, site, ?3 FROM responses WHERE id = ?1 AND site = ?2').bind(id, site, now),
    db.prepare('DELETE FROM responses WHERE id = ?1 AND site = ?2 RETURNING id').bind(id, site),
    auditStatement(db, audit, { ifChanged: true }),
  ]);
  return (deleted?.results.length ?? 0) > 0;
}

/** Quota rows of hours before this one are of no more use. */
export async function pruneAnswerQuota(db: D1Database, now: number): Promise<void> {
  await db.prepare('DELETE FROM answer_quota WHERE hour < ?').bind(Math.floor(now / HOUR_MS)).run();
}
