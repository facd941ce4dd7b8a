/** Raw responses. Rollups follow by trigger (see migrations), in the same statement. */
import type { Kind } from '../../shared/kinds';
import { type Channel, WEB_CHANNEL } from '../../shared/schemas/channel';
import type { ResponseBody } from '../../shared/schemas/response';

export interface StoredResponse extends ResponseBody {
  kind: Kind;
  /** Set only by link pages; the widget's answers are `web`. */
  channel?: Channel;
  country: string;
  device: string;
  createdAt: number;
}

export type InsertOutcome = 'stored' | 'duplicate' | 'conflict';

/**
 * Insert once per client UUID. A replay of an id already stored for the same
 * site is a harmless duplicate; the same id on another site is a conflict.
 */
export async function insertResponse(db: D1Database, r: StoredResponse): Promise<InsertOutcome> {
  const inserted = await db
    .prepare(
      `INSERT INTO responses (id, site, survey, kind, score, comment, commented_at, touchpoint, locale, page, user, meta, country, device, created_at, channel)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
      r.channel ?? WEB_CHANNEL,
    )
    .first();
  // RETURNING yields the row only when it was inserted. (meta.changes would
  // also count the rollup rows the trigger wrote.)
  if (inserted !== null) return 'stored';
  const existing = await db.prepare('SELECT site FROM responses WHERE id = ?').bind(r.id).first<{ site: string }>();
  return existing?.site === r.site ? 'duplicate' : 'conflict';
}

/** A late comment may be added once, within this long after the answer. */
export const COMMENT_WINDOW_MS = 60 * 60 * 1000;

export type CommentOutcome = 'stored' | 'not_found' | 'conflict';

export async function addComment(
  db: D1Database,
  args: { id: string; site: string; comment: string; now: number },
): Promise<CommentOutcome> {
  const result = await db
    .prepare(
      `UPDATE responses SET comment = ?, commented_at = ?
        WHERE id = ? AND site = ? AND comment IS NULL AND created_at >= ?`,
    )
    .bind(args.comment, args.now, args.id, args.site, args.now - COMMENT_WINDOW_MS)
    .run();
  if (result.meta.changes === 1) return 'stored';
  const existing = await db.prepare('SELECT 1 FROM responses WHERE id = ? AND site = ?').bind(args.id, args.site).first();
  return existing ? 'conflict' : 'not_found';
}

/**
 * GDPR erase: remove a user's responses. The delete trigger takes each one
 * out of the rollups in the same statement, and the count comes from the same
 * transaction (a batch), so the number reported is the number removed.
 */
export async function eraseUser(db: D1Database, site: string, user: string): Promise<number> {
  const [counted] = await db.batch<{ n: number }>([
    db.prepare('SELECT COUNT(*) AS n FROM responses WHERE site = ? AND user = ?').bind(site, user),
    db.prepare('DELETE FROM responses WHERE site = ? AND user = ?').bind(site, user),
  ]);
  return counted?.results[0]?.n ?? 0;
}
