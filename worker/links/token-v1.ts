/**
 * Reading the first token format (signed, not encrypted), so that links
 * minted before tokens were encrypted keep working until they expire, at
 * most 365 days after they were minted. Nothing mints this format any more;
 * once the last of these links has expired this file can go.
 *
 * Layout, version 1:
 *   version   1 byte    1
 *   expires   4 bytes   Unix seconds, big-endian
 *   nonce     8 bytes   random
 *   channel   1 byte    index into CHANNELS
 *   site, survey, user, touchpoint, locale
 *             each a length (LEB128, one byte below 128) and UTF-8; length 0 = absent
 *   mac      12 bytes   the first 96 bits of HMAC-SHA256(key, all of the above)
 */
import { CHANNELS } from '../../shared/schemas/channel';
import { hmacSha256, secretsEqual } from '../crypto';
import type { LinkClaims } from './claims';

export const V1 = 1;
const NONCE_BYTES = 8;
const MAC_BYTES = 12;
/** Version, expiry, nonce, channel and five empty lengths. */
const MIN_PAYLOAD_BYTES = 1 + 4 + NONCE_BYTES + 1 + 5;

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The claims of a version 1 payload; null when it is not one. Pure: the MAC is checked by `openV1`. */
export function decodeV1Payload(payload: Uint8Array): LinkClaims | null {
  if (payload.length < MIN_PAYLOAD_BYTES || payload[0] !== V1) return null;
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

/**
 * The claims of a version 1 token whose MAC one of `secrets` made, else
 * null. The MAC is checked (in constant time) before the payload is read.
 */
export async function openV1(secrets: readonly string[], bytes: Uint8Array): Promise<LinkClaims | null> {
  if (bytes.length < MIN_PAYLOAD_BYTES + MAC_BYTES) return null;
  const payload = bytes.subarray(0, bytes.length - MAC_BYTES);
  const mac = bytes.subarray(payload.length);
  for (const secret of secrets) {
    const expected = (await hmacSha256(secret, payload)).subarray(0, MAC_BYTES);
    if (await secretsEqual(expected, mac)) return decodeV1Payload(payload);
  }
  return null;
}
