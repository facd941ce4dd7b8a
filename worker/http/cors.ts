/**
 * Public endpoints are called by the widget from the site's own pages. A
 * browser Origin must be one of the site's origins; CORS headers go only to
 * those. Requests without Origin (curl, servers) are not browsers and pass.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { cachedKnownOrigin } from '../lookups';
import { ApiError } from './errors';

/** Check the request's Origin against a site's origins and allow it through CORS. */
export function allowOrigin(c: Context<AppEnv>, origins: readonly string[]): void {
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  if (!origins.includes(origin)) throw new ApiError('forbidden', `origin ${origin} is not allowed for this site`);
  c.header('access-control-allow-origin', origin);
  c.header('vary', 'Origin', { append: true });
}

/** Preflights carry no body, hence no site: allow an origin that any site lists. */
export const preflight: MiddlewareHandler<AppEnv> = async (c) => {
  const origin = c.req.header('origin');
  if (!origin || !(await cachedKnownOrigin(c.env.DB, origin))) {
    throw new ApiError('forbidden', 'origin is not allowed');
  }
  return c.body(null, 204, {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': '86400',
    vary: 'Origin',
  });
};

/** The endpoints the widget calls from sites' pages. */
const WIDGET_PATHS = /^\/v1\/(responses(\/[^/]+\/comment)?|events|sites\/[^/]+\/config)$/;

/**
 * Error answers to the widget are refused before the site is known (a 400 is
 * decided before the body's site is looked up), so they carry no CORS header
 * and a browser reports them as network failures: the widget cannot tell a
 * refusal from being offline and retries for days. Let an origin that any
 * site lists read them (as preflights already do).
 */
export async function exposeErrorToWidget(c: Context<AppEnv>): Promise<void> {
  const origin = c.req.header('origin');
  if (!origin || c.res.headers.has('access-control-allow-origin') || !WIDGET_PATHS.test(c.req.path)) return;
  try {
    if (!(await cachedKnownOrigin(c.env.DB, origin))) return;
  } catch {
    return; // the database is what failed: answer without
  }
  c.header('access-control-allow-origin', origin);
  c.header('vary', 'Origin', { append: true });
}
