/**
 * The queue consumer: an edge like a route. Each message names a delivery;
 * the attempt is claimed in D1, checked (webhook active, answer not erased,
 * destination allowed), signed, posted, and its outcome written back. A
 * failure is retried through the queue after the delay backoff.ts gives, so
 * D1 always knows the attempts made and when the next one is due.
 */
import * as v from 'valibot';
import { DeliveryMessage } from '../../shared/schemas/webhook';
import { claimDelivery, recordAttempt, type AttemptOutcome, type ClaimedDelivery } from '../db/deliveries';
import type { Env } from '../env';
import { errorName, logFailure } from '../log';
import { retryBaseS, retryDelayS } from './backoff';
import { destinationRefusal } from './destination';
import { deliveryBody } from './payload';
import { postDelivery } from './post';
import { signDelivery } from './signature';

/** How long a claimed attempt is held: the 10 s request, signing and writes, with room to spare. */
export const LEASE_MS = 60_000;
/** A queue delay may end a little before the time D1 holds; accept that much. */
const EARLY_MS = 1_000;

export async function deliverWebhooks(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  await Promise.all(batch.messages.map((message) => deliverMessage(message, env)));
}

async function deliverMessage(message: Message<unknown>, env: Env): Promise<void> {
  const parsed = v.safeParse(DeliveryMessage, message.body);
  if (!parsed.success) {
    logFailure('webhooks: dropped a queue message that does not name a delivery');
    message.ack();
    return;
  }
  try {
    const retryInS = await attemptDelivery(env, parsed.output.delivery);
    if (retryInS === null) message.ack();
    else message.retry({ delaySeconds: retryInS });
  } catch (error) {
    // The runtime or D1 failed, not the receiver: let the queue bring it back
    // (the claim keeps a second copy from sending twice; the sweep is the net).
    logFailure(`webhooks: delivery ${parsed.output.delivery} could not be attempted`, error);
    message.retry();
  }
}

/** Why a claimed delivery must not be sent at all, or null. */
function refusal(claim: ClaimedDelivery, env: Env): string | null {
  if (!claim.answer) return 'not sent: the answer was erased before it could be delivered';
  if (!claim.webhook.active) return 'not sent: the webhook is paused';
  const refused = destinationRefusal(claim.webhook.url, { development: env.ENVIRONMENT === 'development' });
  return refused && `not sent: the url ${refused}`;
}

const settled = (status: AttemptOutcome['status'], fields: Partial<AttemptOutcome>): AttemptOutcome => ({
  status, attempted: true, lastStatus: null, lastError: null, nextAttemptAt: null, deliveredAt: null, ...fields,
});

/**
 * Make the next attempt of delivery `id` if it is due. Returns the seconds
 * until the following attempt when this one failed and another remains,
 * otherwise null (delivered, failed for good, or not ours to make).
 */
export async function attemptDelivery(env: Env, id: string): Promise<number | null> {
  const now = Date.now();
  const claim = await claimDelivery(env.DB, id, { now, earlyMs: EARLY_MS, leaseUntil: now + LEASE_MS });
  if (!claim) return null;
  const record = (outcome: AttemptOutcome) => recordAttempt(env.DB, id, claim.attempts, outcome);

  const refused = refusal(claim, env);
  if (refused || !claim.answer) {
    await record(settled('failed', { attempted: false, lastError: refused }));
    return null;
  }
  let body: string;
  let headers: Awaited<ReturnType<typeof signDelivery>>;
  try {
    body = deliveryBody(claim.webhook.format, claim.event, claim.event_at, claim.answer);
    headers = await signDelivery(claim.webhook.secret, id, Math.floor(Date.now() / 1000), body);
  } catch (error) {
    // The same answer would fail the same way on every attempt: failed now, and said why.
    await record(settled('failed', { attempted: false, lastError: `not sent: the body could not be built (${errorName(error)})` }));
    return null;
  }
  const result = await postDelivery(claim.webhook.url, { ...headers }, body);
  const at = Date.now();
  if (result.ok) {
    await record(settled('delivered', { lastStatus: result.status, deliveredAt: at }));
    return null;
  }
  const attempt = claim.attempts + 1;
  const delayS = retryDelayS(attempt, retryBaseS(env.WEBHOOK_RETRY_BASE_S));
  if (delayS === null) {
    await record(settled('failed', { lastStatus: result.status, lastError: `${result.error}; failed after ${attempt} attempts` }));
    return null;
  }
  const recorded = await record(settled('pending', { lastStatus: result.status, lastError: result.error, nextAttemptAt: at + delayS * 1000 }));
  return recorded ? delayS : null;
}
