/** The webhook admin endpoints in the OpenAPI document (rows of the operation table in ../openapi.ts). */
import { SiteKey } from '../../shared/schemas/common';
import {
  DeliveriesQuery, Delivery, DeliveryId, DeliveryList, WebhookCreate, WebhookCreated, WebhookId, WebhookList, WebhookPatch, WebhookRecord, WebhookTest,
} from '../../shared/schemas/webhook';
import { SlackPayload, StandardPayload, TelegramPayload } from '../../shared/schemas/webhook-payload';
import type { Operation } from '../openapi-operation';

const webhook = { site: SiteKey, id: WebhookId };
const base = '/v1/admin/sites/{site}/webhooks';

export const WEBHOOK_OPERATIONS: Operation[] = [
  { method: 'post', path: base, summary: 'Create a webhook; its signing secret is shown once', tag: 'admin', path_params: { site: SiteKey }, body: WebhookCreate, responses: { 201: WebhookCreated }, errors: [400, 401, 404, 413, 415, 503] },
  { method: 'get', path: base, summary: "A site's webhooks with their health (never their secrets; bot tokens in URLs masked)", tag: 'admin', path_params: { site: SiteKey }, responses: { 200: WebhookList }, errors: [401, 404, 503] },
  { method: 'get', path: `${base}/{id}`, summary: 'One webhook', tag: 'admin', path_params: webhook, responses: { 200: WebhookRecord }, errors: [401, 404, 503] },
  { method: 'patch', path: `${base}/{id}`, summary: 'Change a webhook; "active": false pauses it', tag: 'admin', path_params: webhook, body: WebhookPatch, responses: { 200: WebhookRecord }, errors: [400, 401, 404, 413, 415, 503] },
  { method: 'delete', path: `${base}/{id}`, summary: 'Delete a webhook and its deliveries', tag: 'admin', path_params: webhook, responses: { 204: null }, errors: [401, 404, 503] },
  { method: 'post', path: `${base}/{id}/test`, summary: 'Send the webhook a signed webhook.test event through the same queue as any delivery (paused ones too); optional body {"locale"} for its chat message', tag: 'admin', path_params: webhook, body: WebhookTest, optional_body: true, responses: { 202: Delivery }, errors: [400, 401, 404, 413, 415, 503] },
  { method: 'get', path: `${base}/{id}/deliveries`, summary: "A webhook's deliveries, newest first", tag: 'admin', path_params: webhook, query: DeliveriesQuery, responses: { 200: DeliveryList }, errors: [400, 401, 404, 503] },
  { method: 'post', path: `${base}/{id}/deliveries/{msgId}/retry`, summary: 'Send a failed delivery again (a fresh set of attempts)', tag: 'admin', path_params: { ...webhook, msgId: DeliveryId }, responses: { 202: Delivery }, errors: [401, 404, 409, 503] },
];

/**
 * What the Worker posts to a webhook's URL (OpenAPI 3.1 `webhooks`): the
 * Standard Webhooks body, Slack's for `format: slack`, the Bot API's
 * sendMessage for `format: telegram`. Headers and signature as
 * docs/contract.md §9 describes them.
 */
export const WEBHOOK_DELIVERIES = {
  summary: 'A matching answer (response.created), its late comment (response.commented), its completion (response.completed), its erasure (response.erased), or a test (webhook.test)',
  description:
    'POST with webhook-id (stable across retries), webhook-timestamp (Unix seconds) and webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed with the base64-decoded secret after whsec_>. A 2xx within 10 s is success; anything else is retried for about a day.',
  bodies: [StandardPayload, SlackPayload, TelegramPayload],
};
