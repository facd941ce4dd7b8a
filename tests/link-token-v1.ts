/**
 * Tokens in the first format (signed, not encrypted), as links minted
 * before tokens were encrypted still carry: the layout of
 * worker/links/token-v1.ts, written here so that the Worker keeps no code
 * that makes them. Web Crypto only: runs in Node and in workerd.
 */
import { CHANNELS } from '../shared/schemas/channel';
import type { LinkClaims } from '../worker/links/claims';

/** The payload of a version 1 token (everything but its MAC). */
export function v1Payload(claims: LinkClaims, nonce: Uint8Array = crypto.getRandomValues(new Uint8Array(8))): Uint8Array {
  const encoder = new TextEncoder();
  const seconds = Math.floor(claims.expiresAt / 1000);
  const out: number[] = [1, seconds >>> 24, (seconds >>> 16) & 0xff, (seconds >>> 8) & 0xff, seconds & 0xff, ...nonce, CHANNELS.indexOf(claims.channel)];
  for (const text of [claims.site, claims.survey, claims.user, claims.touchpoint, claims.locale]) {
    const bytes = encoder.encode(text ?? '');
    for (let length = bytes.length; ; length >>>= 7) {
      if (length < 0x80) {
        out.push(length);
        break;
      }
      out.push((length & 0x7f) | 0x80);
    }
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A version 1 token: the payload and the first 96 bits of its HMAC-SHA256 under `key`. */
export async function signV1(claims: LinkClaims, key: string): Promise<string> {
  const payload = v1Payload(claims);
  const hmac = await crypto.subtle.importKey('raw', new TextEncoder().encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmac, payload)).subarray(0, 12);
  return base64url(Uint8Array.from([...payload, ...mac]));
}
