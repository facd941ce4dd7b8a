/**
 * Bearer tokens, only from the Authorization header (never a query string,
 * which would end up in logs). Secrets are compared in constant time. Like
 * Hono's `bearerAuth({ verifyToken })`, the reader check is given its key
 * lookup; it never reaches into storage itself.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { adminToken } from '../config';
import { secretsEqual, sha256Hex } from '../crypto';
import { READ_KEY_PATTERN, readKeyPrefix } from '../ids';
import { ApiError } from './errors';

function bearer(c: Context<AppEnv>): string | null {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

const unauthorized = () =>
  new ApiError('unauthorized', 'send Authorization: Bearer <token>', undefined, { 'www-authenticate': 'Bearer' });

/** Admin endpoints: 503 when no token is configured, never open. */
export const requireAdmin: MiddlewareHandler<AppEnv> = async function requireAdmin(c, next) {
  const expected = adminToken(c.env);
  const token = bearer(c);
  if (!token || !(await secretsEqual(token, expected))) throw unauthorized();
  await next();
};

/** A live read key as stored: its site and the SHA-256 of the key. */
export interface StoredReadKey {
  site: string;
  hash: string;
}

export type FindReadKey = (c: Context<AppEnv>, prefix: string) => Promise<StoredReadKey | null>;

/** Whose bearer token this is: a read key of one site, or the admin token. */
export type Bearer = { role: 'reader'; site: string } | { role: 'admin' };

/** Who sends the request, or 401: a live read key (its hash checked), or the admin token. */
export async function identify(c: Context<AppEnv>, findReadKey: FindReadKey): Promise<Bearer> {
  const token = bearer(c);
  if (!token) throw unauthorized();
  if (READ_KEY_PATTERN.test(token)) {
    const key = await findReadKey(c, readKeyPrefix(token));
    if (!key || !(await secretsEqual(key.hash, await sha256Hex(token)))) throw unauthorized();
    return { role: 'reader', site: key.site };
  }
  if (c.env.ADMIN_TOKEN && (await secretsEqual(token, adminToken(c.env)))) return { role: 'admin' };
  throw unauthorized();
}

/**
 * Analyst endpoints under /v1/sites/:site: a read key of that site, or the
 * admin token. A valid key of another site is 403, not 401.
 */
export function readerAuth(options: { findReadKey: FindReadKey }): MiddlewareHandler<AppEnv> {
  return async function requireReader(c, next) {
    const who = await identify(c, options.findReadKey);
    if (who.role === 'reader' && who.site !== c.req.param('site')) throw new ApiError('forbidden', 'this read key belongs to another site');
    await next();
  };
}
