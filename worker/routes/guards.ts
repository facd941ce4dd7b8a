/**
 * The HTTP middleware of http/, given the lookups they need (as Hono's
 * `bearerAuth({ verifyToken })` and `cors({ origin })` are): the only place
 * where auth and CORS meet storage.
 */
import type { Context } from 'hono';
import type { Actor } from '../team/actor';
import { findMember, touchMember } from '../db/members';
import { findReadKey } from '../db/sites';
import { findApiKey, touchApiKey } from '../db/team-keys';
import type { AppEnv } from '../env';
import { type AuthLookups, identify } from '../http/auth';
import { exposeErrorsToWidget, type KnownOrigin, preflight } from '../http/cors';
import { guard } from '../http/guard';
import { chargeClient, limited } from '../http/rate-limit';
import { cachedKnownOrigin } from '../lookups';
import { permissionOf } from '../permissions';

/** A public lookup that misses the cache costs the client one request of its budget. */
export function chargeMiss(c: Context<AppEnv>): () => Promise<void> {
  return async () => {
    if (!(await chargeClient(c))) throw limited('client');
  };
}

const isKnownOrigin: KnownOrigin = (c, origin) => cachedKnownOrigin(c.env.DB, origin, chargeMiss(c));

// Keys and members are read on every request, never cached: a revoked key or a removed member is refused at once.
const lookups: AuthLookups = {
  findReadKey: (c, prefix) => findReadKey(c.env.DB, prefix),
  findApiKey: (c, prefix) => findApiKey(c.env.DB, prefix),
  findMember: (c, email) => findMember(c.env.DB, email),
};

async function noteActive(c: Context<AppEnv>, actor: Actor, now: number): Promise<void> {
  if (actor.kind === 'member') await touchMember(c.env.DB, actor.email!, now);
  if (actor.kind === 'api_key') await touchApiKey(c.env.DB, actor.keyId!, now);
}

/** Every route's permission (worker/permissions.ts), checked against who is asking. */
export const guardRoutes = guard({ permissionOf, identify: (c) => identify(c, lookups), noteActive });

/** CORS preflights of the widget endpoints. */
export const widgetPreflight = preflight({ isKnownOrigin });

/** CORS headers on error answers of the widget endpoints. */
export const exposeErrorToWidget = exposeErrorsToWidget({ isKnownOrigin });
