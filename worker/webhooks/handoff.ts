/**
 * After answers (or a comment, or an erasure) are stored, hand their new
 * deliveries to the queue, once the reply has gone (waitUntil). The rows
 * themselves were written in the same statement; this only makes them go at
 * once instead of at the next sweep. A delivery due later (a
 * `response.completed` waiting for its comment) goes with a queue delay until
 * then, which is what sends it in the local run, where no Cron Trigger fires.
 * Answers of sites without active webhooks stop at a cached lookup and cost
 * nothing more; a stale "no" is covered by the sweep.
 */
import type { DeliveryEvent } from '../../shared/schemas/webhook';
import { freshDeliveries } from '../db/deliveries';
import type { Env } from '../env';
import { cachedHasActiveWebhooks } from '../lookups';
import { logFailure } from '../log';
import { enqueueDeliveries } from './queue';

/** What was just written for answers of one site, and which events' deliveries it may have made. */
export interface AnswerEvents {
  site: string;
  responses: readonly string[];
  events: readonly DeliveryEvent[];
}

/** The events an answer's insert writes (migrations: the outbox triggers). */
export const ON_ANSWER: readonly DeliveryEvent[] = ['response.created', 'response.completed'];
/** A comment writes `response.commented` and brings `response.completed` forward. */
export const ON_COMMENT: readonly DeliveryEvent[] = ['response.commented', 'response.completed'];
export const ON_ERASE: readonly DeliveryEvent[] = ['response.erased'];

/** Queue the deliveries just written; with no execution context (direct calls), now. */
export async function queueNewDeliveries(
  env: Env,
  waitUntil: ((promise: Promise<unknown>) => void) | null,
  written: AnswerEvents,
): Promise<void> {
  const work = handOff(env, written);
  if (waitUntil) waitUntil(work);
  else await work;
}

async function handOff(env: Env, written: AnswerEvents): Promise<void> {
  if (written.responses.length === 0) return;
  try {
    if (!(await cachedHasActiveWebhooks(env.DB, written.site))) return;
    const now = Date.now();
    const fresh = await freshDeliveries(env.DB, written.responses, written.events);
    await enqueueDeliveries(env.WEBHOOKS, fresh.map((d) => ({ id: d.id, delayS: (d.dueAt - now) / 1000 })));
  } catch (error) {
    // The rows are in D1: the sweep sends them within a couple of minutes.
    logFailure(`webhooks: deliveries of ${written.responses.length} answer(s) wait for the sweep`, error);
  }
}
