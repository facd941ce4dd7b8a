/** Random identifiers and key hashing (Web Crypto only). */

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

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Compare two secrets in constant time: both are hashed first, so neither the
 * content nor the length leaks through timing.
 */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [ha, hb] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(a)),
    crypto.subtle.digest('SHA-256', encoder.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(ha, hb);
}
