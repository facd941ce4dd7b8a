/**
 * Public endpoints are called by the widget from the site's own pages. A
 * browser Origin must be one of the site's origins; CORS headers go only to
 * those. Like Hono's own `cors({ origin })`, the middleware here is given its
 * lookup of known origins; it never reaches into storage itself.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from './errors';
import { isWidgetPath } from './widget-endpoints';

/** Is this origin listed by any site? (Preflights and early error answers carry no site.) */
export type KnownOrigin = (c: Context<AppEnv>, origin: string) => Promise<boolean>;

function allow(c: Context<AppEnv>, origin: string): void {
  c.header('access-control-allow-origin', origin);
  c.header('vary', 'Origin', { append: true });
}

/**
 * Check the request's Origin against a site's origins and allow it through
 * CORS. Reads (a site's public config) may come without one (curl, a
 * server); writes need one: the widget always sends it, and a write without
 * it is a script stuffing answers. `Origin` is not authentication (any client
 * can send any value), so rate limits stay in front of every write.
 */
export function allowOrigin(
  c: Context<AppEnv>,
  origins: readonly string[],
  options: {
    required: boolean;
    /**
     * Let the refused page read the 403 (the public config only: nothing in
     * it is secret), so that the widget can name the origin to add rather
     * than see a network failure.
     */
    readableRefusal?: boolean;
  },
): void {
  const origin = c.req.header('origin');
  if (origin === undefined) {
    if (options.required) throw new ApiError('forbidden', 'send the Origin of a page the site lists (browsers do)');
    return;
  }
  if (!origins.includes(origin)) {
    if (options.readableRefusal) allow(c, origin);
    throw new ApiError('forbidden', `origin ${origin} is not allowed for this site; add it to the site's origins`);
  }
  allow(c, origin);
}

/** Preflights carry no body, hence no site: allow an origin that any site lists. */
export function preflight(options: { isKnownOrigin: KnownOrigin }): MiddlewareHandler<AppEnv> {
  return async function corsPreflight(c) {
    const origin = c.req.header('origin');
    if (!origin || !(await options.isKnownOrigin(c, origin))) throw new ApiError('forbidden', 'origin is not allowed');
    return c.body(null, 204, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '86400',
      vary: 'Origin',
    });
  };
}

/**
 * Error answers to the widget are often refused before the site is known (a
 * 400 is decided before the body's site is looked up), so they would carry no
 * CORS header, and a browser reports them as network failures: the widget
 * could not tell a refusal from being offline and would retry for days. Let
 * an origin that any site lists read them (as preflights already do).
 */
export function exposeErrorsToWidget(options: { isKnownOrigin: KnownOrigin }): (c: Context<AppEnv>, status: number) => Promise<void> {
  return async function exposeError(c, status) {
    const origin = c.req.header('origin');
    // A client already limited costs no lookup: without CORS its browser retries later, as for a 429.
    if (!origin || status === 429 || c.res.headers.has('access-control-allow-origin') || !isWidgetPath(c.req.path)) return;
    try {
      if (await options.isKnownOrigin(c, origin)) allow(c, origin);
    } catch {
      // the lookup is what failed: answer without
    }
  };
}
