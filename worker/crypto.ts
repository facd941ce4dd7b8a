/**
 * The Worker's one home for hashing, HMAC, key derivation and base64url (Web
 * Crypto only): key hashes, ETags, client keys for rate limits, webhook
 * signatures, link tokens and the suppression list all go through these.
 */
const encoder = new TextEncoder();

const bytesOf = (data: string | Uint8Array): Uint8Array => (typeof data === 'string' ? encoder.encode(data) : data);

export async function sha256(data: string | Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytesOf(data)));
}

export async function sha256Hex(text: string): Promise<string> {
  return [...(await sha256(text))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** HMAC-SHA256 under one key, imported once: for signing many messages (a thousand links) in a row. */
export async function hmacSha256Signer(key: string | Uint8Array): Promise<(data: string | Uint8Array) => Promise<Uint8Array>> {
  const cryptoKey = await crypto.subtle.importKey('raw', bytesOf(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (data) => new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, bytesOf(data)));
}

/** HMAC-SHA256 of `data` under `key`. */
export async function hmacSha256(key: string | Uint8Array, data: string | Uint8Array): Promise<Uint8Array> {
  return (await hmacSha256Signer(key))(data);
}

/**
 * Keys derived from one secret (HKDF-SHA256, RFC 5869), each for one use
 * named by `info`: one secret can then serve several purposes without a key
 * of one ever being a key of another.
 */
async function hkdfBase(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey', 'deriveBits']);
}

const hkdf = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(info) });

/** An AES-256-GCM key derived from `secret` for the use `info`. */
export async function deriveAesGcmKey(secret: string, info: string): Promise<CryptoKey> {
  return crypto.subtle.deriveKey(hkdf(info), await hkdfBase(secret), { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** `length` bytes derived from `secret` for the use `info` (an HMAC key, a key id). */
export async function deriveBytes(secret: string, info: string, length: number): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.deriveBits(hkdf(info), await hkdfBase(secret), length * 8));
}

export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Bytes of standard base64 text, or null when it is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** URL-safe base64 without padding (RFC 4648 §5). */
export function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  return fromBase64(text.replace(/-/g, '+').replace(/_/g, '/'));
}

/**
 * Compare two secrets in constant time: both are hashed first, so neither the
 * content nor the length leaks through timing.
 */
export async function secretsEqual(a: string | Uint8Array, b: string | Uint8Array): Promise<boolean> {
  const [ha, hb] = await Promise.all([sha256(a), sha256(b)]);
  return crypto.subtle.timingSafeEqual(ha, hb);
}
