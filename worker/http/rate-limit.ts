/**
 * Rate limits on public endpoints, through the Workers Rate Limiting binding
 * (counters per Cloudflare location, periods of 10 or 60 seconds):
 *
 * - per client (a hash of its address), before any body is read, on every
 *   write, and on every public lookup that misses the cache (config of an
 *   unknown site, preflight of an unknown origin), so made-up keys cannot
 *   turn into one database query each;
 * - per site, once the body has named the site, on answers, comments and
 *   exposure events that start a new count (routes/collect.ts): the site's
 *   budget is a ceiling on its writes, and an event adding to counts already
 *   waiting in memory writes nothing of its own.
 *
 * The hourly answer quota per client and survey is counted in D1 with the
 * answer (db/responses.ts); this module gives it the client's keyed hash.
 * Nothing is stored when a request is refused.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { quotaKey } from '../config';
import { base64url, hmacSha256, sha256 } from '../crypto';
import { clientNetwork } from './client-address';
import { ApiError } from './errors';

/** The binding does not say when its window ends; this is its longest period. */
const RETRY_AFTER_SECONDS = 60;

/** 429, with when to come back: by default the rate limiter's longest window. */
export function limited(scope: string, retryAfterSeconds = RETRY_AFTER_SECONDS): ApiError {
  return new ApiError('rate_limited', `too many requests from this ${scope}; retry in ${retryAfterSeconds} s`, undefined, {
    'retry-after': String(retryAfterSeconds),
  });
}

/** 429 for a spent hourly answer quota: come back when its hour is over. */
export function overQuota(hourEnd: number, now: number): ApiError {
  return limited('client for this survey', Math.max(1, Math.ceil((hourEnd - now) / 1000)));
}

/**
 * The connecting client: its address, or its /64 for IPv6 (client-address.ts).
 * Local runs have none, and all their requests share one key.
 */
const addressOf = (c: Context<AppEnv>): string => clientNetwork(c.req.header('cf-connecting-ip') ?? 'local');

/**
 * The key for a client in the rate limiter: a SHA-256 of its address, so
 * that no IP address leaves the request, even to the rate limiter.
 */
async function clientKey(c: Context<AppEnv>): Promise<string> {
  return base64url((await sha256(addressOf(c))).subarray(0, 16));
}

/**
 * The client as stored in the hourly answer quota: an HMAC of its address
 * under the QUOTA_KEY secret, so that the rows (pruned after the hour)
 * cannot be turned back into addresses by trying every IPv4 address.
 */
export async function quotaClient(c: Context<AppEnv>): Promise<string> {
  return base64url((await hmacSha256(quotaKey(c.env), addressOf(c))).subarray(0, 16));
}

/** Charge one request to the client's budget; false when it is spent. */
export async function chargeClient(c: Context<AppEnv>): Promise<boolean> {
  return (await c.env.RATE_LIMIT_CLIENT.limit({ key: await clientKey(c) })).success;
}

export const limitClient: MiddlewareHandler<AppEnv> = async function limitClient(c, next) {
  if (!(await chargeClient(c))) throw limited('client');
  await next();
};

export async function limitSite(c: Context<AppEnv>, site: string): Promise<void> {
  const { success } = await c.env.RATE_LIMIT_SITE.limit({ key: site });
  if (!success) throw limited('site');
}
