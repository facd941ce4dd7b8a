/**
 * The suppression list's keyed hashes: an erased user is remembered as an
 * HMAC of the site and user id under a key derived from LINK_SIGNING_KEY
 * (HKDF), never as the id, so the list cannot be read back into people even
 * by trying every address of a customer file. A user has one hash per link
 * key in use: after a rotation, LINK_SIGNING_KEY_PREVIOUS's as well, so an
 * erase recorded before the rotation still matches.
 */
import type { LinkKeys } from '../config';
import { base64url, deriveBytes, hmacSha256Signer } from '../crypto';

type Hasher = (data: string) => Promise<Uint8Array>;

const hashers = new Map<string, Promise<Hasher>>();

function hasherOf(secret: string): Promise<Hasher> {
  let found = hashers.get(secret);
  if (!found) {
    if (hashers.size >= 8) hashers.clear();
    found = deriveBytes(secret, 'cx-link suppression hmac-sha256', 32).then((key) => hmacSha256Signer(key));
    hashers.set(secret, found);
  }
  return found;
}

/** The user's hashes on one site, one per link key (the current one first). */
export async function suppressionHashes(keys: LinkKeys, site: string, user: string): Promise<string[]> {
  const secrets = keys.previous ? [keys.current, keys.previous] : [keys.current];
  // A NUL cannot occur in a site key: "a" + "b\0c" and "a\0b" + "c" never meet.
  return Promise.all(secrets.map(async (secret) => base64url((await (await hasherOf(secret))(`${site}\0${user}`)).subarray(0, 16))));
}
