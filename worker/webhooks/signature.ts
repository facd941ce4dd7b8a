/**
 * Standard Webhooks signing: a secret `whsec_` + base64 of random bytes;
 * each delivery carries `webhook-id` (stable across retries),
 * `webhook-timestamp` (Unix seconds of this attempt) and
 * `webhook-signature: v1,<base64 HMAC-SHA256>` over "{id}.{timestamp}.{body}",
 * keyed with the base64-decoded part of the secret. Receivers verify with any
 * Standard Webhooks library, or a few lines of code (docs/webhooks.md).
 */
import { base64, fromBase64, hmacSha256 } from '../crypto';

const SECRET_PREFIX = 'whsec_';
/** 256 bits, the HMAC-SHA256 key size (the convention asks for 24 to 64 bytes). */
const SECRET_BYTES = 32;

export function newWebhookSecret(): string {
  return SECRET_PREFIX + base64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three Standard Webhooks headers for `body`, sent as delivery `id` at `timestampS`. */
export async function signDelivery(secret: string, id: string, timestampS: number, body: string): Promise<SignedHeaders> {
  const key = fromBase64(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret);
  if (!key) throw new Error('a webhook secret is not base64');
  const signature = await hmacSha256(key, `${id}.${timestampS}.${body}`);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampS), 'webhook-signature': `v1,${base64(signature)}` };
}
