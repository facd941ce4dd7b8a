/**
 * An identified visitor as the cooldown index stores them: an HMAC of the
 * site and the site's user id under a key derived from the deployment's
 * admin secret, so the table holds no user ids and cannot be searched by
 * trying ids without that secret.
 */
import { base64url, hmacSha256 } from './crypto';

export async function visitorKey(secret: string | undefined, site: string, user: string): Promise<string> {
  return base64url((await hmacSha256(`cooldown:${secret ?? ''}`, `${site}\u0000${user}`)).subarray(0, 16));
}
