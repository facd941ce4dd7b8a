/**
 * An identified visitor as the cooldown index stores them: an HMAC of the
 * site and the site's user id, under a key derived from QUOTA_KEY (HKDF, its
 * own purpose), so the table holds no user ids and cannot be searched by
 * trying ids without that secret.
 */
import { quotaKey } from './config';
import { base64url, deriveBytes, hmacSha256Signer } from './crypto';
import type { Env } from './env';

type Hasher = (data: string) => Promise<Uint8Array>;
const hashers = new Map<string, Promise<Hasher>>();

function hasherOf(secret: string): Promise<Hasher> {
  let found = hashers.get(secret);
  if (!found) {
    if (hashers.size >= 4) hashers.clear();
    found = deriveBytes(secret, 'cx cooldown visitor hmac-sha256', 32).then((key) => hmacSha256Signer(key));
    hashers.set(secret, found);
  }
  return found;
}

export async function visitorKey(env: Env, site: string, user: string): Promise<string> {
  // A NUL cannot occur in a site key: "a" + "b\0c" and "a\0b" + "c" never meet.
  return base64url((await (await hasherOf(quotaKey(env)))(`${site}\u0000${user}`)).subarray(0, 16));
}
