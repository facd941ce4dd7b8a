/**
 * Webhook admin endpoints (mounted inside the admin routes): create (the
 * secret is shown once), list (with each one's health), read, change,
 * delete, send a test; a webhook's deliveries and the manual retry of a
 * failed one. Every write leaves an audit entry.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import {
  DeliveriesQuery, DeliveryId, MAX_WEBHOOKS_PER_SITE, WebhookCreate, WebhookId, WebhookPatch, WebhookTest, chatIdRefusal, type WebhookRecord,
} from '../../shared/schemas/webhook';
import type { AppEnv } from '../env';
import { getDelivery, insertTestDelivery, listDeliveries, reopenFailedDelivery } from '../db/deliveries';
import { deleteWebhook, getWebhook, insertWebhook, listWebhooks, updateWebhook, updateWebhookOrigin } from '../db/webhooks';
import { newDeliveryId, newWebhookId } from '../ids';
import { logFailure } from '../log';
import { readJson } from '../http/body';
import { ApiError, invalidField } from '../http/errors';
import { parseWith } from '../http/validate';
import { destinationRefusal } from '../webhooks/destination';
import { enqueueDeliveries } from '../webhooks/queue';
import { newWebhookSecret } from '../webhooks/signature';
import { auditOf, changedFields, sentFields } from './audit-entry';
import { existingSite } from './params';

export const webhookRoutes = new Hono<AppEnv>();

const WEBHOOKS = '/v1/admin/sites/:site/webhooks';
const WEBHOOK = `${WEBHOOKS}/:id`;

/** 400 naming `url` when deliveries may not go there from this deployment. */
function allowedDestination(c: Context<AppEnv>, url: string): string {
  const refused = destinationRefusal(url, { development: c.env.ENVIRONMENT === 'development' });
  if (refused) throw invalidField('invalid_body', 'url', refused);
  return url;
}

/** The origin this request reached the Worker through: chat messages link to the console there by default. */
const workerOrigin = (c: Context<AppEnv>) => new URL(c.req.url).origin;

/** The `:id` webhook of the path on `site`, or 404. */
async function existingWebhook(c: Context<AppEnv>, site: string): Promise<WebhookRecord> {
  const id = c.req.param('id') ?? '';
  const webhook = v.is(WebhookId, id) ? await getWebhook(c.env.DB, site, id) : null;
  if (!webhook) throw new ApiError('not_found', `no webhook ${id} on site ${site}`);
  return webhook;
}

webhookRoutes.post(WEBHOOKS, async function createWebhook(c) {
  const site = await existingSite(c);
  const sent = await readJson(c.req.raw);
  const body = parseWith(WebhookCreate, sent, 'invalid_body');
  const url = allowedDestination(c, body.url);
  const id = newWebhookId();
  const secret = newWebhookSecret();
  const audit = auditOf(c, 'webhook.created', { site, target: id, fields: sentFields(sent) });
  const outcome = await insertWebhook(
    c.env.DB,
    {
      id, site, url, secret, events: body.events, filter: body.filter, format: body.format,
      telegramChatId: body.telegram_chat_id ?? null, workerOrigin: workerOrigin(c),
    },
    audit.at,
    audit,
  );
  if (outcome === 'limit') throw invalidField('invalid_body', 'site', `has ${MAX_WEBHOOKS_PER_SITE} webhooks, the most a site may have; delete one first`);
  return c.json({ id, secret }, 201);
});

webhookRoutes.get(WEBHOOKS, async function listSiteWebhooks(c) {
  const site = await existingSite(c);
  return c.json({ webhooks: await listWebhooks(c.env.DB, site) });
});

webhookRoutes.get(WEBHOOK, async function getWebhookRoute(c) {
  const site = await existingSite(c);
  return c.json(await existingWebhook(c, site));
});

webhookRoutes.patch(WEBHOOK, async function patchWebhook(c) {
  const site = await existingSite(c);
  const webhook = await existingWebhook(c, site);
  const patch = parseWith(WebhookPatch, await readJson(c.req.raw), 'invalid_body');
  // The URL as listed (its bot token masked), sent back unchanged, keeps the stored one.
  if (patch.url === webhook.url) delete patch.url;
  if (patch.url !== undefined) allowedDestination(c, patch.url);
  // A telegram webhook keeps its stored chat unless the patch names another; any other format has none.
  const format = patch.format ?? webhook.format;
  const chatId = format === 'telegram' && patch.telegram_chat_id === undefined ? webhook.telegram_chat_id : patch.telegram_chat_id;
  const refused = chatIdRefusal(format, chatId);
  if (refused) throw invalidField('invalid_body', 'telegram_chat_id', refused);
  if (format !== 'telegram' && webhook.telegram_chat_id !== null) patch.telegram_chat_id = null;
  const audit = auditOf(c, 'webhook.updated', { site, target: webhook.id, fields: changedFields(webhook, patch) });
  await updateWebhook(c.env.DB, site, webhook.id, patch, { now: audit.at, workerOrigin: workerOrigin(c) }, audit);
  return c.json(await existingWebhook(c, site));
});

webhookRoutes.delete(WEBHOOK, async function removeWebhook(c) {
  const site = await existingSite(c);
  const webhook = await existingWebhook(c, site);
  await deleteWebhook(c.env.DB, site, webhook.id, auditOf(c, 'webhook.deleted', { site, target: webhook.id }));
  return c.body(null, 204);
});

/** A body is optional here: none, or an empty one, is `{}`. */
async function optionalJson(request: Request): Promise<unknown> {
  return request.body === null || request.headers.get('content-length') === '0' ? {} : readJson(request);
}

webhookRoutes.post(`${WEBHOOK}/test`, async function testWebhook(c) {
  const site = await existingSite(c);
  const webhook = await existingWebhook(c, site);
  const body = parseWith(WebhookTest, await optionalJson(c.req.raw), 'invalid_body');
  // Its message links to the console where this admin reached the Worker.
  await updateWebhookOrigin(c.env.DB, webhook.id, workerOrigin(c));
  const id = newDeliveryId();
  const audit = auditOf(c, 'webhook.tested', { site, target: webhook.id, fields: sentFields(body) });
  await insertTestDelivery(c.env.DB, { id, webhook: webhook.id, site, now: audit.at, locale: body.locale ?? null }, audit);
  try {
    await enqueueDeliveries(c.env.WEBHOOKS, [id]);
  } catch (error) {
    logFailure(`webhooks: test ${id} waits for the sweep`, error);
  }
  return c.json(await getDelivery(c.env.DB, webhook.id, id), 202);
});

webhookRoutes.get(`${WEBHOOK}/deliveries`, async function listWebhookDeliveries(c) {
  const site = await existingSite(c);
  const webhook = await existingWebhook(c, site);
  const query = parseWith(DeliveriesQuery, c.req.query(), 'invalid_query');
  return c.json({ deliveries: await listDeliveries(c.env.DB, webhook.id, query.limit) });
});

webhookRoutes.post(`${WEBHOOK}/deliveries/:msgId/retry`, async function retryDelivery(c) {
  const site = await existingSite(c);
  const webhook = await existingWebhook(c, site);
  const id = c.req.param('msgId');
  const audit = auditOf(c, 'webhook.delivery_retried', { site, target: webhook.id });
  const outcome = v.is(DeliveryId, id) ? await reopenFailedDelivery(c.env.DB, { webhook: webhook.id, id, now: audit.at }, audit) : 'not_found';
  if (outcome === 'not_found') throw new ApiError('not_found', `no delivery ${id} of webhook ${webhook.id}`);
  if (outcome === 'not_failed') throw new ApiError('conflict', 'only a failed delivery can be retried');
  try {
    await enqueueDeliveries(c.env.WEBHOOKS, [id]);
  } catch (error) {
    // It is pending and due in D1: the sweep sends it within a couple of minutes.
    logFailure(`webhooks: retry of ${id} waits for the sweep`, error);
  }
  return c.json(await getDelivery(c.env.DB, webhook.id, id), 202);
});
