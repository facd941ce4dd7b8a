/**
 * The HTTP middleware of http/, given the lookups they need (as Hono's
 * `bearerAuth({ verifyToken })` and `cors({ origin })` are): the only place
 * where auth and CORS meet storage.
 */
import { findReadKey } from '../db/sites';
import { readerAuth } from '../http/auth';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { exposeErrorsToWidget, type KnownOrigin, preflight } from '../http/cors';
import { chargeClient, limited } from '../http/rate-limit';
import { cachedKnownOrigin } from '../lookups';

/** A public lookup that misses the cache costs the client one request of its budget. */
export function chargeMiss(c: Context<AppEnv>): () => Promise<void> {
  return async () => {
    if (!(await chargeClient(c))) throw limited('client');
  };
}

const isKnownOrigin: KnownOrigin = (c, origin) => cachedKnownOrigin(c.env.DB, origin, chargeMiss(c));

/** A read key of the path's site, or the admin token. */
export const requireReader = readerAuth({ findReadKey: (c, prefix) => findReadKey(c.env.DB, prefix) });

/** CORS preflights of the widget endpoints. */
export const widgetPreflight = preflight({ isKnownOrigin });

/** CORS headers on error answers of the widget endpoints. */
export const exposeErrorToWidget = exposeErrorsToWidget({ isKnownOrigin });
