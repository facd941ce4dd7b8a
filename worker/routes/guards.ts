/**
 * The HTTP middleware of http/, given the lookups they need (as Hono's
 * `bearerAuth({ verifyToken })` and `cors({ origin })` are): the only place
 * where auth and CORS meet storage.
 */
import { findReadKey } from '../db/sites';
import { type FindReadKey, identify, readerAuth } from '../http/auth';
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

const findKey: FindReadKey = (c, prefix) => findReadKey(c.env.DB, prefix);

/** A read key of the path's site, or the admin token. */
export const requireReader = readerAuth({ findReadKey: findKey });

/** Whose token a request carries (a read key of one site, or the admin token), or 401. */
export const whoSends = (c: Context<AppEnv>) => identify(c, findKey);

/** CORS preflights of the widget endpoints. */
export const widgetPreflight = preflight({ isKnownOrigin });

/** CORS headers on error answers of the widget endpoints. */
export const exposeErrorToWidget = exposeErrorsToWidget({ isKnownOrigin });
