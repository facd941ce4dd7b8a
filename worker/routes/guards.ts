/**
 * The HTTP middleware of http/, given the lookups they need (as Hono's
 * `bearerAuth({ verifyToken })` and `cors({ origin })` are): the only place
 * where auth and CORS meet storage.
 */
import { findReadKey } from '../db/sites';
import { readerAuth } from '../http/auth';
import { exposeErrorsToWidget, type KnownOrigin, preflight } from '../http/cors';
import { cachedKnownOrigin } from '../lookups';

const isKnownOrigin: KnownOrigin = (c, origin) => cachedKnownOrigin(c.env.DB, origin);

/** A read key of the path's site, or the admin token. */
export const requireReader = readerAuth({ findReadKey: (c, prefix) => findReadKey(c.env.DB, prefix) });

/** CORS preflights of the widget endpoints. */
export const widgetPreflight = preflight({ isKnownOrigin });

/** CORS headers on error answers of the widget endpoints. */
export const exposeErrorToWidget = exposeErrorsToWidget({ isKnownOrigin });
