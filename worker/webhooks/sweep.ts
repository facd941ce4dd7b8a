/**
 * The Cron Trigger's sweep: re-send to the queue every pending delivery that
 * is overdue by more than a minute. Its message was lost (the send after the
 * answer failed, the isolate stopped mid-attempt, or this isolate's cached
 * "no webhooks" was stale), so nothing waits longer than a sweep or two.
 */
import type { Env } from '../env';
import { takeOverdueDeliveries } from '../db/deliveries';
import { enqueueDeliveries } from './queue';

/**
 * Overdue by this much, a delivery's message is taken as lost: a healthy one
 * is claimed within seconds, and an attempt in flight holds its delivery
 * ahead of time (its lease), so it is not overdue at all.
 */
export const SWEEP_AFTER_MS = 60_000;
/** Per run; the rest wait for the next minute. */
const SWEEP_LIMIT = 1000;

/** Re-send what is overdue; returns how many deliveries were re-sent. */
export async function sweepDeliveries(env: Env, now = Date.now()): Promise<number> {
  const ids = await takeOverdueDeliveries(env.DB, { cutoff: now - SWEEP_AFTER_MS, now, limit: SWEEP_LIMIT });
  // Taken rows are stamped due now; if this send fails, a later sweep takes them again.
  await enqueueDeliveries(env.WEBHOOKS, ids);
  return ids.length;
}
