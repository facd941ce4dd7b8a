/**
 * Rate limits on public writes, through the Workers Rate Limiting binding.
 * The client limit runs before the body is read; the site limit once the
 * body has named the site. Nothing is stored when a request is refused.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { base64url, sha256 } from '../crypto';
import { ApiError } from './errors';

/** The binding does not say when its window ends; this is its longest period. */
const RETRY_AFTER_SECONDS = '60';

function limited(scope: string): ApiError {
  return new ApiError('rate_limited', `too many requests from this ${scope}; retry later`, undefined, {
    'retry-after': RETRY_AFTER_SECONDS,
  });
}

/**
 * The key for a client: a SHA-256 of its address, so that no IP address
 * leaves the request, even to the rate limiter. Without CF-Connecting-IP
 * (local runs) all requests share one key.
 */
async function clientKey(c: Context<AppEnv>): Promise<string> {
  const ip = c.req.header('cf-connecting-ip') ?? 'local';
  return base64url((await sha256(ip)).subarray(0, 16));
}

export const limitClient: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { success } = await c.env.RATE_LIMIT_CLIENT.limit({ key: await clientKey(c) });
  if (!success) throw limited('client');
  await next();
};

export async function limitSite(c: Context<AppEnv>, site: string): Promise<void> {
  const { success } = await c.env.RATE_LIMIT_SITE.limit({ key: site });
  if (!success) throw limited('site');
}
