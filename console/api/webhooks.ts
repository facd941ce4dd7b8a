/** Webhook admin endpoints (docs/contract.md §9), typed with shared/'s schemas. */
import type { Delivery, WebhookCreate, WebhookPatch, WebhookRecord } from '../../shared/schemas/webhook';
import { getJson } from './client';
import { segment } from './path';

export type { Delivery, WebhookRecord };

const webhooksOf = (site: string) => `/v1/admin/sites/${segment('site', site)}/webhooks`;
const webhookAt = (site: string, id: string) => `${webhooksOf(site)}/${segment('webhook', id)}`;

export async function listWebhooks(site: string, signal?: AbortSignal): Promise<WebhookRecord[]> {
  return (await getJson<{ webhooks: WebhookRecord[] }>(webhooksOf(site), { signal })).webhooks;
}

export function getWebhook(site: string, id: string, signal?: AbortSignal): Promise<WebhookRecord> {
  return getJson<WebhookRecord>(webhookAt(site, id), { signal });
}

/** The secret is in this answer only: the API never shows it again. */
export function createWebhook(site: string, body: WebhookCreate): Promise<{ id: string; secret: string }> {
  return getJson(webhooksOf(site), { method: 'POST', body });
}

export function patchWebhook(site: string, id: string, body: WebhookPatch): Promise<WebhookRecord> {
  return getJson<WebhookRecord>(webhookAt(site, id), { method: 'PATCH', body });
}

export function deleteWebhook(site: string, id: string): Promise<void> {
  return getJson(webhookAt(site, id), { method: 'DELETE' });
}

/** A signed `webhook.test`, sent like any delivery; its chat message in `locale`. */
export function testWebhook(site: string, id: string, locale: string): Promise<Delivery> {
  return getJson<Delivery>(`${webhookAt(site, id)}/test`, { method: 'POST', body: { locale } });
}

/** Newest first; the API gives at most 200 a request. */
export async function listDeliveries(site: string, id: string, limit: number, signal?: AbortSignal): Promise<Delivery[]> {
  return (await getJson<{ deliveries: Delivery[] }>(`${webhookAt(site, id)}/deliveries`, { query: { limit }, signal })).deliveries;
}

/** A failed delivery, pending again with a fresh set of attempts (409 for any other). */
export function retryDelivery(site: string, id: string, delivery: string): Promise<Delivery> {
  return getJson<Delivery>(`${webhookAt(site, id)}/deliveries/${segment('delivery', delivery)}/retry`, { method: 'POST' });
}
