/**
 * Webhook tests talk to the loopback receiver of tests/receiver (started by
 * the worker project's globalSetup) and read deliveries as an admin does.
 */
import { inject } from 'vitest';
import type { Delivery } from '../../shared/schemas/webhook';
import type { BoxScript, Received } from '../receiver/types';
import { asAdmin, eventually, json } from './helpers';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:PORT` of the test receiver. */
    webhookReceiver: string;
  }
}

export const receiver = (): string => inject('webhookReceiver');

/** Tell box `name` how to answer from now on (and forget what it received). */
export async function scriptBox(name: string, script: BoxScript): Promise<void> {
  const res = await fetch(`${receiver()}/boxes/${name}`, { method: 'PUT', body: JSON.stringify(script) });
  if (res.status !== 204) throw new Error(`receiver: ${res.status}`);
}

export async function receivedBy(name: string): Promise<Received[]> {
  const res = await fetch(`${receiver()}/boxes/${name}`);
  return (await res.json() as { received: Received[] }).received;
}

export interface CreatedWebhook {
  id: string;
  secret: string;
  name: string;
}

/** A webhook of `site` posting to a new box that answers as `script` says (and knows the secret). */
export async function webhookToBox(site: string, body: Record<string, unknown> = {}, script: Omit<BoxScript, 'secret'> = {}): Promise<CreatedWebhook> {
  return webhookAt(site, (name) => `${receiver()}/hooks/${name}`, body, script);
}

/** The bot number of test Bot API URLs; the box's name is the token's secret part. */
export const BOT = '123456789';

/** A `telegram` webhook of `site` posting to a new box addressed as the Bot API is: `/bot<TOKEN>/sendMessage`. */
export function botToBox(site: string, body: Record<string, unknown> = {}, script: Omit<BoxScript, 'secret'> = {}): Promise<CreatedWebhook> {
  return webhookAt(site, (name) => `${receiver()}/bot${BOT}:${name}/sendMessage`, { format: 'telegram', telegram_chat_id: '-1001234567890', ...body }, script);
}

async function webhookAt(site: string, url: (name: string) => string, body: Record<string, unknown>, script: Omit<BoxScript, 'secret'>): Promise<CreatedWebhook> {
  const name = crypto.randomUUID();
  const res = await asAdmin('POST', `/v1/admin/sites/${site}/webhooks`, { url: url(name), ...body });
  if (res.status !== 201) throw new Error(`create webhook: ${res.status} ${await res.text()}`);
  const { id, secret } = await json<{ id: string; secret: string }>(res);
  await scriptBox(name, { secret, ...script });
  return { id, secret, name };
}

export async function deliveriesOf(site: string, webhook: string): Promise<Delivery[]> {
  const res = await asAdmin('GET', `/v1/admin/sites/${site}/webhooks/${webhook}/deliveries`);
  if (res.status !== 200) throw new Error(`deliveries: ${res.status} ${await res.text()}`);
  return (await json<{ deliveries: Delivery[] }>(res)).deliveries;
}

/** Wait until the check holds (deliveries go through the queue after the reply). */
export const until = <T>(check: () => Promise<T>, timeoutMs = 8000): Promise<T> => eventually(check, timeoutMs);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
