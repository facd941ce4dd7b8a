/**
 * The permission table walked in full (docs/contract.md §12): every route of
 * the app, read from the Hono app itself, with every kind of caller (the
 * admin token, read keys, each role through Cloudflare Access, API keys of
 * each scope, on the path's site, on another site, on every site, and no
 * one). Each is let through or refused exactly as the contract says; what
 * each caller may do is written out here independently of shared/roles.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ability } from '../../shared/roles';
import { app } from '../../worker/app';
import { ROUTE_PERMISSIONS } from '../../worker/permissions';
import { newTeam, request, type TestTeam } from './access-helpers';
import { ADMIN_TOKEN, asAdmin, createSite, json, type TestSite } from './helpers';

const EVERYTHING: Ability[] = ['read', 'cases', 'manage', 'keys', 'members', 'audit'];

interface Caller {
  name: string;
  /** What the contract lets it do. */
  may: Ability[];
  /** The sites it reaches: the walk's site (`A`), another one (`B`), or all. */
  reach: 'A' | 'B' | '*';
  headers: () => Promise<Record<string, string>>;
}

let team: TestTeam;
let a: TestSite;
let b: TestSite;
const callers: Caller[] = [];

function member(role: string, may: Ability[], reach: Caller['reach']): Caller {
  const email = `${role}.${reach === '*' ? 'all' : reach}.${crypto.randomUUID().slice(0, 6)}@example.com`;
  return {
    name: `${role} of ${reach === '*' ? 'every site' : `site ${reach}`} (Access)`,
    may,
    reach,
    headers: async () => {
      const sites = reach === '*' ? ['*'] : [reach === 'A' ? a.site : b.site];
      const put = await asAdmin('PUT', `/v1/admin/members/${email}`, role === 'owner' ? { role } : { role, sites });
      if (put.status !== 200) throw new Error(`member ${email}: ${put.status} ${await put.text()}`);
      return { 'cf-access-jwt-assertion': await team.token(email) };
    },
  };
}

function apiKey(scopes: string[], may: Ability[], reach: Caller['reach']): Caller {
  return {
    name: `API key (${scopes.join('+')}) of ${reach === '*' ? 'every site' : `site ${reach}`}`,
    may,
    reach,
    headers: async () => {
      const sites = reach === '*' ? ['*'] : [reach === 'A' ? a.site : b.site];
      const res = await asAdmin('POST', '/v1/admin/api-keys', { name: 'walk', scopes, sites });
      if (res.status !== 201) throw new Error(`api key: ${res.status} ${await res.text()}`);
      return { authorization: `Bearer ${(await json<{ key: string }>(res)).key}` };
    },
  };
}

/** A path of the route with its parameters filled in: the walk's site A, and ids that name nothing. */
function concrete(path: string): string {
  return path
    .replace(':site', a.site)
    .replace(':email', 'nobody%40example.com')
    .replace(':prefix', 'cxr_00000000')
    .replace(':user', 'u_walk')
    .replace(':msgId', 'msg_00000000000000000000000000000000')
    .replace(':token', 'not-a-token')
    .replace(':file', 'nothing')
    .replace(':id', 'x000000000000000')
    .replace(':field', 'touchpoint')
    .replace(':value', 'nowhere')
    .replace(':survey', 'sv_nothing')
    .replace(':color', '1f6feb');
}

/** Every route of the app, as `METHOD /path` (middleware, registered for ALL methods, is not a route). */
const appRoutes = () => [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];

beforeAll(async () => {
  team = await newTeam();
  a = await createSite();
  b = await createSite();
  callers.push(
    { name: 'the admin token', may: EVERYTHING, reach: '*', headers: async () => ({ authorization: `Bearer ${ADMIN_TOKEN}` }) },
    { name: 'a read key of site A', may: ['read'], reach: 'A', headers: async () => ({ authorization: `Bearer ${a.readKey}` }) },
    { name: 'a read key of site B', may: ['read'], reach: 'B', headers: async () => ({ authorization: `Bearer ${b.readKey}` }) },
    member('owner', EVERYTHING, '*'),
    member('admin', ['read', 'cases', 'manage', 'keys', 'audit'], '*'),
    member('admin', ['read', 'cases', 'manage', 'keys', 'audit'], 'A'),
    member('admin', ['read', 'cases', 'manage', 'keys', 'audit'], 'B'),
    member('analyst', ['read', 'cases'], 'A'),
    member('analyst', ['read', 'cases'], '*'),
    member('viewer', ['read'], 'A'),
    member('viewer', ['read'], 'B'),
    apiKey(['read'], ['read'], 'A'),
    apiKey(['cases'], ['cases'], 'A'),
    apiKey(['manage'], ['manage'], 'A'),
    apiKey(['manage'], ['manage'], '*'),
    apiKey(['read', 'cases', 'manage'], ['read', 'cases', 'manage'], 'B'),
  );
});

describe('the permission table', () => {
  it('has a row for every route of the app, and a route for every row', () => {
    const routes = appRoutes();
    expect(routes.filter((r) => !Object.hasOwn(ROUTE_PERMISSIONS, r))).toEqual([]);
    expect(Object.keys(ROUTE_PERMISSIONS).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('opens to everyone only the widget, link pages, health, the API description and the demo', () => {
    const open = Object.entries(ROUTE_PERMISSIONS).filter(([, p]) => p === 'public').map(([r]) => r.split(' ')[1]!);
    for (const path of open) expect(path, path).toMatch(/^\/(healthz|demo|r\/|preview\/email\/|v1\/(openapi\.json|noop|responses|events|due$|sites\/:site\/config))/);
    // Nothing that reads answers or changes anything is among them.
    expect(open.some((p) => p.startsWith('/v1/admin') || p.endsWith('/scores') || p.endsWith('/responses') && p.includes(':site'))).toBe(false);
  });
});

/**
 * The contract's rules by family of routes (§5, §7, §12, §13): the table must say
 * the same for every route, new ones included.
 */
const CONTRACT: [RegExp, (typeof ROUTE_PERMISSIONS)[string]][] = [
  [/^GET \/v1\/session$/, 'signed_in'],
  [/^GET \/v1\/sites\/:site\/(scores|meta|responses|themes)$/, { ability: 'read', sites: 'path' }],
  // Cases, read and written: analysts and up, and keys with scope cases; never a viewer or a read key.
  [/^[A-Z]+ \/v1\/sites\/:site\/cases(\/.*)?$/, { ability: 'cases', sites: 'path' }],
  [/^GET \/v1\/admin\/sites$/, { ability: 'read', sites: 'own' }],
  [/^POST \/v1\/admin\/sites$/, { ability: 'manage', sites: 'every' }],
  [/^[A-Z]+ \/v1\/admin\/sites\/:site(\/.*)?$/, { ability: 'manage', sites: 'path' }],
  [/^[A-Z]+ \/v1\/admin\/members(\/:email)?$/, { ability: 'members', sites: 'every' }],
  [/^[A-Z]+ \/v1\/admin\/api-keys(\/:id)?$/, { ability: 'keys', sites: 'own' }],
  [/^GET \/v1\/admin\/audit$/, { ability: 'audit', sites: 'own' }],
];

describe('the table against the contract', () => {
  it('gives every guarded route what its family of routes needs', () => {
    for (const [route, permission] of Object.entries(ROUTE_PERMISSIONS)) {
      if (permission === 'public') continue;
      const rules = CONTRACT.filter(([pattern]) => pattern.test(route));
      expect(rules.length, `${route}: rules that match`).toBe(1);
      expect(permission, route).toEqual(rules[0]![1]);
    }
  });
});

describe('every route × every caller', () => {
  it('is let through when the contract says so, 403 forbidden when not, 401 without a credential', async () => {
    const routes = appRoutes().filter((r) => ROUTE_PERMISSIONS[r] !== 'public');
    const walked: string[] = [];
    const credentials = new Map<Caller, Record<string, string>>();
    for (const caller of callers) credentials.set(caller, await caller.headers());
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const permission = ROUTE_PERMISSIONS[route]!;
      const body = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
      const send = (headers: Record<string, string>) => request(team.env, method, concrete(path), { headers, body });

      const anonymous = await send({});
      expect(anonymous.status, `${route} without a credential`).toBe(401);
      walked.push(`${route} × no one → 401`);

      for (const caller of callers) {
        let allowed = true;
        if (permission !== 'signed_in' && permission !== 'public') {
          const reachesSite = caller.reach === '*' || (permission.sites === 'path' ? caller.reach === 'A' : permission.sites === 'own');
          allowed = caller.may.includes(permission.ability) && reachesSite;
        }
        const res = await send(credentials.get(caller)!);
        const what = `${route} as ${caller.name}`;
        if (allowed) {
          expect([401, 403], `${what}: ${res.status} ${await res.clone().text()}`).not.toContain(res.status);
        } else {
          expect(res.status, what).toBe(403);
          const { error } = await json<{ error: { code: string; message: string } }>(res);
          expect(error.code, what).toBe('forbidden');
          // The refusal says what would be needed: a role, a scope, or a site.
          expect(error.message, what).toMatch(/role|scope|site/);
        }
        walked.push(`${route} × ${caller.name} → ${allowed ? 'allowed' : '403'}`);
      }
    }
    console.log(`[permissions] ${routes.length} guarded routes × ${callers.length} callers + no one: ${walked.length} requests, ${walked.filter((w) => w.endsWith('403')).length} refused with 403`);
    expect(walked.length).toBe(routes.length * (callers.length + 1));
  }, 120_000);
});

describe('a route the table forgot', () => {
  it('is refused, not open', async () => {
    const { guardRoutes } = await import('../../worker/routes/guards');
    const { Hono } = await import('hono');
    const probe = new Hono();
    probe.use('*', guardRoutes as never);
    probe.get('/v1/not-in-the-table', (c) => c.text('open'));
    probe.onError((error, c) => c.text(error.message, (error as { status?: 403 }).status ?? 500));
    const res = await probe.request('/v1/not-in-the-table', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }, team.env);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('no permission is set for GET /v1/not-in-the-table');
  });
});
