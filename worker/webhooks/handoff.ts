/**
 * After an answer (or its comment) is stored, hand its new deliveries to the
 * queue, once the reply has gone (waitUntil). The rows themselves were written
 * with the answer; this only makes them go at once instead of at the next
 * sweep. Answers of sites without active webhooks stop at a cached lookup and
 * cost nothing more; a stale "no" is covered by the sweep.
 */
import type { WebhookEvent } from '../../shared/schemas/webhook';
import { newDeliveryIds } from '../db/deliveries';
import type { Env } from '../env';
import { cachedHasActiveWebhooks } from '../lookups';
import { logFailure } from '../log';
import { enqueueDeliveries } from './queue';

export interface AnswerEvent {
  site: string;
  response: string;
  event: WebhookEvent;
}

/** Queue the deliveries `answer` has just written; with no execution context (direct calls), now. */
export async function queueNewDeliveries(
  env: Env,
  waitUntil: ((promise: Promise<unknown>) => void) | null,
  answer: AnswerEvent,
): Promise<void> {
  const work = handOff(env, answer);
  if (waitUntil) waitUntil(work);
  else await work;
}

async function handOff(env: Env, answer: AnswerEvent): Promise<void> {
  try {
    if (!(await cachedHasActiveWebhooks(env.DB, answer.site))) return;
    await enqueueDeliveries(env.WEBHOOKS, await newDeliveryIds(env.DB, answer.response, answer.event));
  } catch (error) {
    // The rows are in D1: the sweep sends them within a couple of minutes.
    logFailure(`webhooks: deliveries of ${answer.response} wait for the sweep`, error);
  }
}
