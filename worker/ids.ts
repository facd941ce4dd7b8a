/** Random identifiers: site keys, survey ids, read keys, API keys. */

// Crockford-style base32 without look-alikes: easy to read aloud and paste.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** `length` random characters, 5 bits each. */
export function randomId(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

export const newSiteKey = (): string => randomId(12);
export const newSurveyId = (): string => `sv_${randomId(12)}`;

/**
 * A read key: `cxr_<8 chars>_<32 chars>`. The first 12 characters are the
 * public prefix that names the key (for revocation); the 160-bit secret makes
 * a fast hash safe to store.
 */
export function newReadKey(): { key: string; prefix: string } {
  const prefix = `cxr_${randomId(8)}`;
  return { key: `${prefix}_${randomId(32)}`, prefix };
}

export const READ_KEY_PATTERN = /^cxr_[0-9a-z]{8}_[0-9a-z]{32}$/;
export const readKeyPrefix = (key: string): string => key.slice(0, 12);

/** An API key: `cxk_<8 chars>_<32 chars>`, named by its first 12 characters as a read key is. */
export function newApiKey(): { key: string; prefix: string } {
  const prefix = `cxk_${randomId(8)}`;
  return { key: `${prefix}_${randomId(32)}`, prefix };
}

export const API_KEY_PATTERN = /^cxk_[0-9a-z]{8}_[0-9a-z]{32}$/;
export const apiKeyPrefix = (key: string): string => key.slice(0, 12);

/** An API key's id (what revokes it): `ak_` and 16 characters. */
export const newApiKeyId = (): string => `ak_${randomId(16)}`;

/** A webhook id: `wh_` and 16 characters (80 random bits). */
export const newWebhookId = (): string => `wh_${randomId(16)}`;

/** A delivery id made outside the outbox triggers (a test): `msg_` and 32 hex digits, as they make. */
export function newDeliveryId(): string {
  return `msg_${[...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
