/**
 * The queue consumer: an edge like a route. Each message names a delivery;
 * the attempt is claimed in D1, checked (webhook active, answer not erased,
 * destination allowed), signed, posted, and its outcome written back. A
 * failure is retried through the queue after the delay backoff.ts gives, so
 * D1 always knows the attempts made and when the next one is due. A message
 * that comes before its delivery's time (a `response.completed` still
 * waiting) is sent back to the queue for the rest of the wait.
 */
import * as v from 'valibot';
import { DeliveryMessage, maskBotTokens } from '../../shared/schemas/webhook';
import { claimDelivery, recordAttempt, type AttemptOutcome, type ClaimedDelivery } from '../db/deliveries';
import type { Env } from '../env';
import { errorName, logFailure } from '../log';
import { retryBaseS, retryDelayS } from './backoff';
import { consoleBase } from './console-link';
import { destinationRefusal } from './destination';
import { deliveryBody } from './payload';
import { postDelivery } from './post';
import { signDelivery } from './signature';
import { subjectOf, type DeliverySubject } from './subject';

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

/** What to send, or why a claimed delivery must not be sent at all. */
function checked(claim: ClaimedDelivery, env: Env): { subject: DeliverySubject } | { refused: string } {
  const read = subjectOf(claim);
  if ('refused' in read) return read;
  // A test is asked for by hand: it may try a paused webhook before it is switched on.
  if (!claim.webhook.active && read.subject.event !== 'webhook.test') return { refused: 'not sent: the webhook is paused' };
  const refused = destinationRefusal(claim.webhook.url, { development: env.ENVIRONMENT === 'development' });
  return refused ? { refused: `not sent: the url ${refused}` } : read;
}

const settled = (status: AttemptOutcome['status'], fields: Partial<AttemptOutcome>): AttemptOutcome => ({
  status, attempted: true, lastStatus: null, nextAttemptAt: null, deliveredAt: null, settledAt: status === 'pending' ? null : Date.now(), ...fields,
  // An error may quote a receiver (a Bot API's description): never with a bot token in it.
  lastError: fields.lastError ? maskBotTokens(fields.lastError) : null,
});

/**
 * Make the next attempt of delivery `id` if it is due. Returns the seconds
 * until the queue should bring its message back (the following attempt after
 * a failure, or the rest of a wait), otherwise null (delivered, failed for
 * good, or not ours to make).
 */
export async function attemptDelivery(env: Env, id: string): Promise<number | null> {
  const now = Date.now();
  const claim = await claimDelivery(env.DB, id, { now, earlyMs: EARLY_MS, leaseUntil: now + LEASE_MS });
  if (!claim) return null;
  if ('waitsUntil' in claim) return Math.ceil((claim.waitsUntil - now) / 1000);
  const { claimed } = claim;
  const record = (outcome: AttemptOutcome) => recordAttempt(env.DB, id, claimed.attempts, outcome);

  const sendable = checked(claimed, env);
  if ('refused' in sendable) {
    await record(settled('failed', { attempted: false, lastError: sendable.refused }));
    return null;
  }
  const { webhook } = claimed;
  let body: string;
  let headers: Awaited<ReturnType<typeof signDelivery>>;
  try {
    const target = { format: webhook.format, telegramChatId: webhook.telegramChatId, consoleBase: consoleBase(env.CONSOLE_URL, webhook.workerOrigin) };
    body = deliveryBody(target, sendable.subject, claimed.event_at);
    headers = await signDelivery(webhook.secret, id, Math.floor(Date.now() / 1000), body);
  } catch (error) {
    // The same delivery would fail the same way on every attempt: failed now, and said why.
    await record(settled('failed', { attempted: false, lastError: `not sent: the body could not be built (${errorName(error)})` }));
    return null;
  }
  const result = await postDelivery(webhook.url, { ...headers }, body);
  const at = Date.now();
  if (result.ok) {
    await record(settled('delivered', { lastStatus: result.status, deliveredAt: at }));
    return null;
  }
  const attempt = claimed.attempts + 1;
  const delayS = retryDelayS(attempt, retryBaseS(env.WEBHOOK_RETRY_BASE_S));
  if (delayS === null) {
    await record(settled('failed', { lastStatus: result.status, lastError: `${result.error}; failed after ${attempt} attempts` }));
    return null;
  }
  const recorded = await record(settled('pending', { lastStatus: result.status, lastError: result.error, nextAttemptAt: at + delayS * 1000 }));
  return recorded ? delayS : null;
}
