/**
 * The one guard in front of every route: it finds the route a request will
 * reach, reads what that route needs from the permission table
 * (worker/permissions.ts), asks who is asking, and lets the request through
 * or refuses it: 401 without a credential, 403 naming the role or scope
 * needed, or the site out of reach. Routes never check a role themselves;
 * they read the actor the guard found with `actorOf(c)`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { ACTIVITY_NOTE_MS } from '../../shared/limits';
import { type Ability, ALL_SITES, can, reaches, whoMay } from '../../shared/roles';
import { type Actor, describeActor } from '../team/actor';
import type { AppEnv } from '../env';
import { ApiError } from './errors';
import { waitUntilOf } from './request';

/**
 * Which sites a route acts on: `path`, the `:site` of its path; `every`, all
 * of them (creating a site); `own`, whichever the caller reaches (the route
 * keeps its answer to those, as a list of sites or the audit log does).
 */
export type SiteRule = 'path' | 'every' | 'own';

/** What a route needs: nothing (`public`), any signed-in caller (`signed_in`), or an ability on some sites. */
export type Permission = 'public' | 'signed_in' | { ability: Ability; sites: SiteRule };

export interface GuardOptions {
  /** The permission of a route, by method and Hono path (`GET /v1/sites/:site/scores`); undefined when it has none. */
  permissionOf(route: string): Permission | undefined;
  identify(c: Context<AppEnv>): Promise<Actor>;
  /** Note a stored member or API key as active (runs after the answer). */
  noteActive(c: Context<AppEnv>, actor: Actor, now: number): Promise<void>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The route that will answer: the first matched handler (middleware is registered for ALL methods). */
export function routeOf(c: Context): { method: string; path: string; index: number } | null {
  const routes = matchedRoutes(c);
  const index = routes.findIndex((r) => r.method !== 'ALL');
  return index < 0 ? null : { method: routes[index]!.method, path: routes[index]!.path, index };
}

/** A path parameter as that route will read it (Hono keeps each matched route's own parameters). */
function paramOf(c: Context, routeIndex: number, name: string): string | null {
  const own = c.req.routeIndex;
  c.req.routeIndex = routeIndex;
  try {
    return c.req.param(name) ?? null;
  } finally {
    c.req.routeIndex = own;
  }
}

function refuse(actor: Actor, permission: { ability: Ability; sites: SiteRule }, site: string | null): ApiError | null {
  if (!can(actor, permission.ability)) {
    return new ApiError('forbidden', `this needs ${whoMay(permission.ability)}; ${describeActor(actor)} may not`);
  }
  if (permission.sites === 'every' && !reaches(actor, ALL_SITES)) {
    return new ApiError('forbidden', `this needs access to every site; ${describeActor(actor)} reaches ${actor.sites.join(', ')}`);
  }
  if (permission.sites === 'path' && (site === null || !reaches(actor, site))) {
    const whose = actor.kind === 'read_key' ? 'this read key belongs to another site' : `${describeActor(actor)} has no access to site ${site}`;
    return new ApiError('forbidden', whose);
  }
  return null;
}

/**
 * A browser sends a person's Access session with any request to this host,
 * even one a page of another site makes: writes by a member must come from
 * this origin (or from no browser at all).
 */
function crossSiteWrite(c: Context<AppEnv>): boolean {
  if (SAFE_METHODS.has(c.req.method)) return false;
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== new URL(c.req.url).origin) return true;
  const site = c.req.header('sec-fetch-site');
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

export function guard(options: GuardOptions): MiddlewareHandler<AppEnv> {
  return async function guardRoute(c, next) {
    const route = routeOf(c);
    // No route: the app's 404.
    if (!route) return next();
    const key = `${route.method} ${route.path}`;
    const permission = options.permissionOf(key);
    // Fail closed: a route the table forgot is refused (and a test walks the table against the app).
    if (permission === undefined) throw new ApiError('forbidden', `no permission is set for ${key}`);
    if (permission === 'public') return next();

    const actor = await options.identify(c);
    const now = Date.now();
    if (actor.lastActiveAt !== undefined && (actor.lastActiveAt === null || now - actor.lastActiveAt >= ACTIVITY_NOTE_MS)) {
      const note = options.noteActive(c, actor, now);
      const waitUntil = waitUntilOf(c);
      if (waitUntil) waitUntil(note);
      else await note;
    }
    if (permission !== 'signed_in') {
      const site = permission.sites === 'path' ? paramOf(c, route.index, 'site') : null;
      const refusal = refuse(actor, permission, site);
      if (refusal) throw refusal;
    }
    if (actor.kind === 'member' && crossSiteWrite(c)) throw new ApiError('forbidden', 'a signed-in person may change things only from this origin');
    c.set('actor', actor);
    await next();
  };
}

/** The actor the guard found; a route that asks for it without a permission that signs in is a bug. */
export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new Error(`no actor for ${c.req.method} ${c.req.path}: its permission must sign in`);
  return actor;
}
