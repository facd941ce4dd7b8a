/**
 * Signed link tokens, for surveys sent by email, SMS or a printed QR code.
 * Everything the link's page needs to record an answer travels in the link
 * itself, so minting a thousand links writes nothing, and the token is short
 * enough for an SMS: a compact binary payload and a truncated HMAC-SHA256
 * under the Worker secret LINK_SIGNING_KEY, in base64url.
 *
 * Layout, version 1:
 *   version   1 byte    1
 *   expires   4 bytes   Unix seconds, big-endian
 *   nonce     8 bytes   random: two links are never equal, even to one recipient
 *   channel   1 byte    index into CHANNELS (which only grows at its end)
 *   site, survey, user, touchpoint, locale
 *             each a length (LEB128, one byte below 128) and UTF-8; length 0 = absent
 *   mac      12 bytes   the first 96 bits of HMAC-SHA256(key, all of the above)
 *
 * A typical token (12-character site key, `sv_` survey id, a short user id,
 * a touchpoint and a locale) is 72 bytes, 96 characters.
 */
import { CHANNELS, type Channel } from '../../shared/schemas/channel';
import { base64url, fromBase64url, hmacSha256, hmacSha256Signer, secretsEqual, sha256 } from '../crypto';

export interface LinkClaims {
  site: string;
  survey: string;
  channel: Channel;
  /** Unix ms, whole seconds: the link stops working then. */
  expiresAt: number;
  user?: string;
  touchpoint?: string;
  locale?: string;
}

const VERSION = 1;
const NONCE_BYTES = 8;
const MAC_BYTES = 12;
/** Version, expiry, nonce, channel and five empty lengths. */
const MIN_PAYLOAD_BYTES = 1 + 4 + NONCE_BYTES + 1 + 5;
/** Longer path segments are not tokens this code made (the longest possible is about 1 KB). */
const MAX_TOKEN_CHARS = 2048;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function encodeClaims(claims: LinkClaims, nonce: Uint8Array): Uint8Array {
  const expires = new Uint8Array(4);
  new DataView(expires.buffer).setUint32(0, Math.floor(claims.expiresAt / 1000));
  const out: number[] = [VERSION, ...expires, ...nonce, CHANNELS.indexOf(claims.channel)];
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

/** The claims of a payload whose MAC has been checked; null when it is not a version this code reads. */
function decodeClaims(payload: Uint8Array): LinkClaims | null {
  if (payload.length < MIN_PAYLOAD_BYTES || payload[0] !== VERSION) return null;
  const seconds = new DataView(payload.buffer, payload.byteOffset + 1, 4).getUint32(0);
  const channel = CHANNELS[payload[5 + NONCE_BYTES]!];
  if (channel === undefined) return null;
  let at = 6 + NONCE_BYTES;
  const texts: string[] = [];
  for (let field = 0; field < 5; field++) {
    let length = 0;
    for (let shift = 0; ; shift += 7) {
      if (at >= payload.length || shift > 14) return null;
      const byte = payload[at++]!;
      length |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    if (at + length > payload.length) return null;
    try {
      texts.push(decoder.decode(payload.subarray(at, at + length)));
    } catch {
      return null;
    }
    at += length;
  }
  const [site, survey, user, touchpoint, locale] = texts as [string, string, string, string, string];
  if (at !== payload.length || site === '' || survey === '') return null;
  return {
    site,
    survey,
    channel,
    expiresAt: seconds * 1000,
    ...(user ? { user } : {}),
    ...(touchpoint ? { touchpoint } : {}),
    ...(locale ? { locale } : {}),
  };
}

/** A signer under one key: `await (await linkSigner(key))(claims)` is a token. */
export async function linkSigner(key: string): Promise<(claims: LinkClaims) => Promise<string>> {
  const sign = await hmacSha256Signer(key);
  return async function signLink(claims) {
    const payload = encodeClaims(claims, crypto.getRandomValues(new Uint8Array(NONCE_BYTES)));
    const mac = (await sign(payload)).subarray(0, MAC_BYTES);
    const token = new Uint8Array(payload.length + MAC_BYTES);
    token.set(payload);
    token.set(mac, payload.length);
    return base64url(token);
  };
}

export type TokenCheck =
  | { status: 'valid'; claims: LinkClaims; answerId: string }
  | { status: 'expired'; claims: LinkClaims }
  /** Forged, damaged, truncated, or signed under another key. */
  | { status: 'invalid' };

/**
 * Check a token from a URL. The MAC is checked (in constant time) before
 * anything in the payload is read, so a forged token learns nothing, not
 * even whether it has expired.
 */
export async function checkToken(key: string, token: string, now: number): Promise<TokenCheck> {
  const bytes = token.length <= MAX_TOKEN_CHARS ? fromBase64url(token) : null;
  // base64url text has spare bits in its last character: only the one spelling this code writes is accepted,
  // so that one link cannot be turned into several answer ids.
  if (!bytes || bytes.length < MIN_PAYLOAD_BYTES + MAC_BYTES || base64url(bytes) !== token) return { status: 'invalid' };
  const payload = bytes.subarray(0, bytes.length - MAC_BYTES);
  const expected = (await hmacSha256(key, payload)).subarray(0, MAC_BYTES);
  if (!(await secretsEqual(expected, bytes.subarray(payload.length)))) return { status: 'invalid' };
  const claims = decodeClaims(payload);
  if (!claims) return { status: 'invalid' };
  if (now >= claims.expiresAt) return { status: 'expired', claims };
  return { status: 'valid', claims, answerId: await answerIdOf(bytes) };
}

const ANSWER_ID_LABEL = encoder.encode('cx-link-answer:');

/**
 * The id of the answer given through a link: a UUID (version 8, RFC 9562)
 * from a SHA-256 of the token's bytes. The insert is idempotent on the id,
 * so each link records one answer however often it is submitted.
 */
async function answerIdOf(token: Uint8Array): Promise<string> {
  const input = new Uint8Array(ANSWER_ID_LABEL.length + token.length);
  input.set(ANSWER_ID_LABEL);
  input.set(token, ANSWER_ID_LABEL.length);
  const id = (await sha256(input)).slice(0, 16);
  id[6] = (id[6]! & 0x0f) | 0x80;
  id[8] = (id[8]! & 0x3f) | 0x80;
  const hex = [...id].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
