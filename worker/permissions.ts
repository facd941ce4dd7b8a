/**
 * The permission table: every route of the app and what it needs
 * (docs/contract.md §12). The guard (http/guard.ts) reads it for every
 * request; which role or API key scope holds an ability is shared/roles.ts.
 * tests/worker/permissions.test.ts walks every route of the app against this
 * table with every role and scope, so a route added without a row here fails
 * that test (and is refused at run time).
 */
import type { Permission } from './http/guard';

const PUBLIC: Permission = 'public';
const SIGNED_IN: Permission = 'signed_in';
/** What a read key reads (§4, §7, §14), on the path's site. */
const READ: Permission = { ability: 'read', sites: 'path' };
/** The path's site's follow-up cases (§13): analysts and up, keys with scope cases. */
const CASES: Permission = { ability: 'cases', sites: 'path' };
/** Administration of the path's site (§5, §9, §10). */
const MANAGE: Permission = { ability: 'manage', sites: 'path' };

export const ROUTE_PERMISSIONS: Readonly<Record<string, Permission>> = {
  // Health, this API's description, the bench's yardstick.
  'GET /healthz': PUBLIC,
  'GET /v1/openapi.json': PUBLIC,
  'POST /v1/noop': PUBLIC,
  // The widget (CORS preflights included) and the development-only demo page.
  'GET /v1/sites/:site/config': PUBLIC,
  'POST /v1/responses': PUBLIC,
  'POST /v1/responses/:id/comment': PUBLIC,
  'POST /v1/responses/:id/reasons': PUBLIC,
  'POST /v1/events': PUBLIC,
  'POST /v1/due': PUBLIC,
  'OPTIONS /v1/sites/:site/config': PUBLIC,
  'OPTIONS /v1/responses': PUBLIC,
  'OPTIONS /v1/responses/:id/comment': PUBLIC,
  'OPTIONS /v1/responses/:id/reasons': PUBLIC,
  'OPTIONS /v1/events': PUBLIC,
  'OPTIONS /v1/due': PUBLIC,
  'GET /demo': PUBLIC,
  'GET /demo/:file': PUBLIC,
  // Link survey pages: the signed token is the credential.
  'GET /r/page.css': PUBLIC,
  'GET /r/theme/:color': PUBLIC,
  'GET /r/:token': PUBLIC,
  'POST /r/:token': PUBLIC,
  'GET /r/:token/comment': PUBLIC,
  'POST /r/:token/comment': PUBLIC,
  // The email block's preview shows only what a site's public config does.
  'GET /preview/email/:site/:survey': PUBLIC,

  'GET /v1/session': SIGNED_IN,

  'GET /v1/sites/:site/scores': READ,
  'GET /v1/sites/:site/meta': READ,
  'GET /v1/sites/:site/responses': READ,
  'GET /v1/sites/:site/themes': READ,

  'GET /v1/sites/:site/cases': CASES,
  'GET /v1/sites/:site/cases/stats': CASES,
  'GET /v1/sites/:site/cases/:id': CASES,
  'PATCH /v1/sites/:site/cases/:id': CASES,
  'POST /v1/sites/:site/cases/:id/notes': CASES,

  // Everyone signed in lists the sites they reach; creating one needs every site.
  'GET /v1/admin/sites': { ability: 'read', sites: 'own' },
  'POST /v1/admin/sites': { ability: 'manage', sites: 'every' },
  'GET /v1/admin/sites/:site': MANAGE,
  'PATCH /v1/admin/sites/:site': MANAGE,
  'POST /v1/admin/sites/:site/surveys': MANAGE,
  'GET /v1/admin/sites/:site/surveys': MANAGE,
  'GET /v1/admin/sites/:site/surveys/:id': MANAGE,
  'PATCH /v1/admin/sites/:site/surveys/:id': MANAGE,
  'POST /v1/admin/sites/:site/surveys/:id/links': MANAGE,
  'POST /v1/admin/sites/:site/keys': MANAGE,
  'GET /v1/admin/sites/:site/keys': MANAGE,
  'DELETE /v1/admin/sites/:site/keys/:prefix': MANAGE,
  'DELETE /v1/admin/sites/:site/users/:user': MANAGE,
  'DELETE /v1/admin/sites/:site/responses/:id': MANAGE,
  'GET /v1/admin/sites/:site/values': MANAGE,
  'DELETE /v1/admin/sites/:site/values/:field/:value': MANAGE,
  'POST /v1/admin/sites/:site/webhooks': MANAGE,
  'GET /v1/admin/sites/:site/webhooks': MANAGE,
  'GET /v1/admin/sites/:site/webhooks/:id': MANAGE,
  'PATCH /v1/admin/sites/:site/webhooks/:id': MANAGE,
  'DELETE /v1/admin/sites/:site/webhooks/:id': MANAGE,
  'POST /v1/admin/sites/:site/webhooks/:id/test': MANAGE,
  'GET /v1/admin/sites/:site/webhooks/:id/deliveries': MANAGE,
  'POST /v1/admin/sites/:site/webhooks/:id/deliveries/:msgId/retry': MANAGE,

  // The team: members are the owners' alone; admins see their own sites' keys and audit entries.
  'GET /v1/admin/members': { ability: 'members', sites: 'every' },
  'PUT /v1/admin/members/:email': { ability: 'members', sites: 'every' },
  'DELETE /v1/admin/members/:email': { ability: 'members', sites: 'every' },
  'GET /v1/admin/api-keys': { ability: 'keys', sites: 'own' },
  'POST /v1/admin/api-keys': { ability: 'keys', sites: 'own' },
  'DELETE /v1/admin/api-keys/:id': { ability: 'keys', sites: 'own' },
  'GET /v1/admin/audit': { ability: 'audit', sites: 'own' },
};

export function permissionOf(route: string): Permission | undefined {
  return Object.hasOwn(ROUTE_PERMISSIONS, route) ? ROUTE_PERMISSIONS[route] : undefined;
}
