/**
 * Form posts of the collector's own pages (the link pages) must come from
 * those pages: a browser's `Origin` must be the request's own origin. Without
 * an Origin (curl, very old browsers) the post is let through; rate limits
 * still apply. `Origin: null` is refused, which is why the pages send
 * `Referrer-Policy: same-origin` (under `no-referrer`, browsers post `null`).
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors';

export const sameOriginOnly: MiddlewareHandler = async function sameOriginOnly(c, next) {
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== new URL(c.req.url).origin) {
    throw new ApiError('forbidden', 'this form can only be posted from its own page');
  }
  await next();
};
