/**
 * Link tokens, for surveys sent by email, SMS or a printed QR code.
 * Everything the link's page needs travels in the link itself, so minting a
 * thousand links writes nothing; and the link's contents are encrypted and
 * authenticated, so a forwarded email, a proxy log or a browser history
 * shows no user, touchpoint or locale, and no one can make a link.
 *
 * Layout, version 2, in base64url:
 *   header    1 byte    0x20 | key id (4 bits): the version in the high half
 *   iv       12 bytes   random (AES-GCM's nonce: never repeated under a key)
 *   sealed    the claims (claims.ts), AES-256-GCM encrypted, with a 96-bit tag;
 *             the header is authenticated with them
 *
 * The AES key and the key id are derived from LINK_SIGNING_KEY with HKDF.
 * The key id says which secret sealed a token, so that after a rotation
 * LINK_SIGNING_KEY_PREVIOUS opens the links minted before it (two secrets
 * may share an id: then both are tried). A token starting with 0x01 is the
 * earlier, signed format (token-v1.ts), read until its links expire.
 */
import type { LinkKeys } from '../config';
import { base64url, deriveAesGcmKey, deriveBytes, fromBase64url, sha256 } from '../crypto';
import { type LinkClaims, decodeClaims, encodeClaims } from './claims';
import { V1, openV1 } from './token-v1';

export type { LinkClaims } from './claims';

const V2 = 2;
const IV_BYTES = 12;
const TAG_BITS = 96;
/** Header, iv and tag: anything shorter holds no claims. */
const MIN_V2_BYTES = 1 + IV_BYTES + TAG_BITS / 8;
/** Longer path segments are not tokens this code made (the longest possible is about 1,030 characters). */
const MAX_TOKEN_CHARS = 2048;

interface SealingKey {
  id: number;
  key: CryptoKey;
}

/** Derived keys by secret, per isolate: deriving costs more than sealing. A handful of secrets at most. */
const derived = new Map<string, Promise<SealingKey>>();

function sealingKey(secret: string): Promise<SealingKey> {
  let found = derived.get(secret);
  if (!found) {
    if (derived.size >= 8) derived.clear();
    found = (async () => ({
      id: (await deriveBytes(secret, 'cx-link-token key id', 1))[0]! & 0x0f,
      key: await deriveAesGcmKey(secret, 'cx-link-token v2 aes-256-gcm'),
    }))();
    derived.set(secret, found);
  }
  return found;
}

/** A sealer under one secret: `await (await linkSealer(key))(claims)` is a token. */
export async function linkSealer(secret: string): Promise<(claims: LinkClaims) => Promise<string>> {
  const { id, key } = await sealingKey(secret);
  const header = Uint8Array.of((V2 << 4) | id);
  return async function sealLink(claims) {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: header, tagLength: TAG_BITS }, key, encodeClaims(claims)));
    const token = new Uint8Array(1 + IV_BYTES + sealed.length);
    token.set(header);
    token.set(iv, 1);
    token.set(sealed, 1 + IV_BYTES);
    return base64url(token);
  };
}

/** The claims of a version 2 token one of `secrets` sealed, else null. */
async function openV2(secrets: readonly string[], bytes: Uint8Array): Promise<LinkClaims | null> {
  if (bytes.length < MIN_V2_BYTES) return null;
  const header = bytes.subarray(0, 1);
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const sealed = bytes.subarray(1 + IV_BYTES);
  for (const secret of secrets) {
    const { id, key } = await sealingKey(secret);
    if (id !== (header[0]! & 0x0f)) continue;
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: header, tagLength: TAG_BITS }, key, sealed);
      return decodeClaims(new Uint8Array(plain));
    } catch {
      // Not sealed under this secret (or damaged): try the next one.
    }
  }
  return null;
}

export type TokenCheck =
  /** `answerId`: the one answer a single-use link records; null for a reusable link (each answer its own). */
  | { status: 'valid'; claims: LinkClaims; answerId: string | null }
  | { status: 'expired'; claims: LinkClaims }
  /** Forged, damaged, truncated, or made under a key this Worker no longer has. */
  | { status: 'invalid' };

/**
 * Check a token from a URL. Nothing in it is read before it is
 * authenticated, so a forged token learns nothing, not even whether it has
 * expired.
 */
export async function checkToken(keys: LinkKeys, token: string, now: number): Promise<TokenCheck> {
  const bytes = token.length <= MAX_TOKEN_CHARS ? fromBase64url(token) : null;
  // base64url text has spare bits in its last character: only the one spelling this code writes is accepted.
  if (!bytes || bytes.length === 0 || base64url(bytes) !== token) return { status: 'invalid' };
  const secrets = keys.previous ? [keys.current, keys.previous] : [keys.current];
  const claims = bytes[0] === V1 ? await openV1(secrets, bytes) : bytes[0]! >> 4 === V2 ? await openV2(secrets, bytes) : null;
  if (!claims) return { status: 'invalid' };
  if (now >= claims.expiresAt) return { status: 'expired', claims };
  return { status: 'valid', claims, answerId: claims.reusable ? null : await answerIdOf(bytes) };
}

const ANSWER_ID_LABEL = new TextEncoder().encode('cx-link-answer:');

/**
 * The id of the answer given through a single-use link: a UUID (version 8,
 * RFC 9562) from a SHA-256 of the token's bytes. The insert is idempotent on
 * the id, so each link records one answer however often it is submitted.
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
