/**
 * Housekeeping on a Cron Trigger: rows that only guard a short window are
 * pruned once it has passed (answer quotas of past hours, exposure flush ids
 * older than any retry of their batch), value slots unseen for 30 days are
 * freed, webhook deliveries go once they have been settled for a while
 * (the list is a record of recent work, not an archive of what was said), and
 * audit entries older than AUDIT_RETENTION_DAYS go.
 */
import type { Env } from './env';
import { pruneAudit } from './db/audit';
import { pruneSettledDeliveries } from './db/deliveries';
import { pruneEventFlushes } from './db/events';
import { pruneAnswerQuota } from './db/responses';
import { pruneUnseenValues } from './db/values';

/** Its Cron Trigger in wrangler.toml (the other one sweeps webhook deliveries). */
export const MAINTENANCE_CRON = '*/15 * * * *';

const QUARTER_HOUR_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A flush id is kept well past the few seconds its batch may be retried in. */
const FLUSH_ID_KEEP_MS = DAY_MS;
/** Delivered or failed deliveries are kept this long, then pruned. */
export const SETTLED_DELIVERY_KEEP_MS = 30 * DAY_MS;
/** Deliveries deleted per statement, and statements per run: the rest wait a quarter hour. */
const PRUNE_CHUNK = 1000;
const PRUNE_CHUNKS_PER_RUN = 20;

/** Days the audit log keeps an entry: AUDIT_RETENTION_DAYS, default a year. */
export function auditRetentionDays(env: Env): number {
  const days = Number(env.AUDIT_RETENTION_DAYS);
  return Number.isFinite(days) && days > 0 ? days : 365;
}

export async function runMaintenance(env: Env, now: number): Promise<void> {
  await Promise.all([
    pruneAnswerQuota(env.DB, now),
    pruneEventFlushes(env.DB, now - FLUSH_ID_KEEP_MS),
    pruneDeliveries(env.DB, now),
    pruneAudit(env.DB, now - auditRetentionDays(env) * DAY_MS),
    // Slots are seen by the day: once a day (the run just after midnight UTC) is enough, and their table
    // is read whole without an index on the day (which every answer on a new day would write to).
    ...(now % DAY_MS < QUARTER_HOUR_MS ? [pruneUnseenValues(env.DB, now)] : []),
  ]);
}

/** Prune settled deliveries past their keep, a chunk at a time; returns how many went. */
async function pruneDeliveries(db: D1Database, now: number): Promise<number> {
  let pruned = 0;
  for (let chunk = 0; chunk < PRUNE_CHUNKS_PER_RUN; chunk++) {
    const count = await pruneSettledDeliveries(db, now - SETTLED_DELIVERY_KEEP_MS, PRUNE_CHUNK);
    pruned += count;
    if (count < PRUNE_CHUNK) break;
  }
  return pruned;
}
