/**
 * Housekeeping on a Cron Trigger: rows that only guard a short window are
 * pruned once it has passed (answer quotas of past hours, exposure flush ids
 * older than any retry of their batch), and value slots unseen for 30 days
 * are freed.
 */
import type { Env } from './env';
import { pruneEventFlushes } from './db/events';
import { pruneAnswerQuota } from './db/responses';
import { pruneUnseenValues } from './db/values';

/** Its Cron Trigger in wrangler.toml (the other one sweeps webhook deliveries). */
export const MAINTENANCE_CRON = '*/15 * * * *';

const QUARTER_HOUR_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A flush id is kept well past the few seconds its batch may be retried in. */
const FLUSH_ID_KEEP_MS = 24 * 60 * 60 * 1000;

export async function runMaintenance(env: Env, now: number): Promise<void> {
  await Promise.all([
    pruneAnswerQuota(env.DB, now),
    pruneEventFlushes(env.DB, now - FLUSH_ID_KEEP_MS),
    // Slots are seen by the day: once a day (the run just after midnight UTC) is enough, and their table
    // is read whole without an index on the day (which every answer on a new day would write to).
    ...(now % DAY_MS < QUARTER_HOUR_MS ? [pruneUnseenValues(env.DB, now)] : []),
  ]);
}
