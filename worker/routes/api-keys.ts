/**
 * API keys (`cxk_…`, docs/contract.md §12): scopes and sites, shown once,
 * stored hashed, revocable. Owners manage every key; admins the keys of
 * their own sites (a key is theirs when every site it names is). No key
 * manages keys (worker/permissions.ts).
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { ALL_SITES, reaches, reachesAll } from '../../shared/roles';
import { ApiKeyCreate, ApiKeyId } from '../../shared/schemas/team';
import { isoUtc } from '../../shared/time';
import { actorName } from '../team/actor';
import { sha256Hex } from '../crypto';
import { getApiKey, insertApiKey, listApiKeys, revokeApiKey } from '../db/team-keys';
import type { AppEnv } from '../env';
import { readJson } from '../http/body';
import { ApiError } from '../http/errors';
import { actorOf } from '../http/guard';
import { parseWith } from '../http/validate';
import { newApiKey, newApiKeyId } from '../ids';
import { auditOf, sentFields } from './audit-entry';
import { knownSites } from './params';

export const apiKeyRoutes = new Hono<AppEnv>();

/** The sites whose keys the caller manages: null for every key. */
function keysWithin(c: Context<AppEnv>): readonly string[] | null {
  const actor = actorOf(c);
  return reaches(actor, ALL_SITES) ? null : actor.sites;
}

/** A key of one site is that site's in the audit log; a key of several belongs to the owners' view. */
const auditSite = (sites: readonly string[]) => (sites.length === 1 && sites[0] !== ALL_SITES ? sites[0]! : null);

apiKeyRoutes.post('/v1/admin/api-keys', async function createApiKey(c) {
  const sent = await readJson(c.req.raw);
  const body = parseWith(ApiKeyCreate, sent, 'invalid_body');
  const sites = await knownSites(c, body.sites);
  const actor = actorOf(c);
  if (!reachesAll(actor, sites)) {
    throw new ApiError('forbidden', `sites: a key may name only sites you reach (${actor.sites.join(', ')})`, [{ path: 'sites', message: 'names a site you do not reach' }]);
  }
  const { key, prefix } = newApiKey();
  const id = newApiKeyId();
  const audit = auditOf(c, 'api_key.created', { site: auditSite(sites), target: prefix, fields: sentFields(sent) });
  await insertApiKey(c.env.DB, { id, prefix, hash: await sha256Hex(key), name: body.name, scopes: body.scopes, sites, createdBy: actorName(actor) }, audit.at, audit);
  return c.json({ id, key, prefix, name: body.name, scopes: body.scopes, sites, created_at: isoUtc(audit.at) }, 201);
});

apiKeyRoutes.get('/v1/admin/api-keys', async function listKeys(c) {
  c.header('cache-control', 'private, no-store');
  return c.json({ keys: await listApiKeys(c.env.DB, keysWithin(c)) });
});

apiKeyRoutes.delete('/v1/admin/api-keys/:id', async function revokeKey(c) {
  const id = c.req.param('id');
  const within = keysWithin(c);
  const key = v.is(ApiKeyId, id) ? await getApiKey(c.env.DB, id) : null;
  // Another admin's key is as unknown to this caller as a made-up id.
  if (!key || key.revoked_at !== null || (within !== null && !reachesAll({ sites: within }, key.sites))) {
    throw new ApiError('not_found', `no live API key ${id} among the keys you manage`);
  }
  const audit = auditOf(c, 'api_key.revoked', { site: auditSite(key.sites), target: key.prefix });
  if (!(await revokeApiKey(c.env.DB, { id, within, now: audit.at }, audit))) throw new ApiError('not_found', `no live API key ${id}`);
  return c.body(null, 204);
});
