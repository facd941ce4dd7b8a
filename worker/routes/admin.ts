/** Admin endpoints (docs/contract.md §5); who may call each is worker/permissions.ts. Every write leaves an audit entry. */
import { Hono } from 'hono';
import { ALL_SITES, reaches } from '../../shared/roles';
import { UserId, Uuid } from '../../shared/schemas/common';
import { SiteCreate, SitePatch } from '../../shared/schemas/site';
import { SurveyCreate, SurveyPatch, facesRefusal, type SurveyRecord } from '../../shared/schemas/survey';
import type { AppEnv } from '../env';
import { getSite, insertReadKey, insertSite, listReadKeys, listSites, revokeReadKey, updateSite } from '../db/sites';
import { linkKeysIfSet } from '../config';
import { forgetVisitor } from '../db/cooldowns';
import { eraseResponse, eraseUser } from '../db/responses';
import { suppressUser } from '../db/suppressions';
import { hasResponses } from '../db/rollups';
import { getSurvey, insertSurvey, listSurveys, replaceSurvey } from '../db/surveys';
import { sha256Hex } from '../crypto';
import { newReadKey, newSiteKey, newSurveyId } from '../ids';
import { readJson } from '../http/body';
import { ApiError, invalidField } from '../http/errors';
import { waitUntilOf } from '../http/request';
import { parseWith } from '../http/validate';
import { actorOf } from '../http/guard';
import { suppressionHashes } from '../links/suppression';
import { auditOf, changedFields, sentFields } from './audit-entry';
import { existingSite, existingSurvey, pathSite } from './params';
import { forgetPublicLookups } from '../lookups';
import { visitorKey } from '../visitor';
import { ON_ERASE, queueNewDeliveries } from '../webhooks/handoff';
import { valueRoutes } from './values';
import { webhookRoutes } from './webhooks';

export const adminRoutes = new Hono<AppEnv>();
// Writes change what the public endpoints serve: drop this isolate's cached copies.
adminRoutes.use('/v1/admin/*', async function forgetCachedLookups(c, next) {
  await next();
  if (c.req.method !== 'GET') forgetPublicLookups();
});

async function mintReadKey(): Promise<{ key: string; prefix: string; hash: string }> {
  const { key, prefix } = newReadKey();
  return { key, prefix, hash: await sha256Hex(key) };
}

adminRoutes.post('/v1/admin/sites', async function createSite(c) {
  const sent = await readJson(c.req.raw);
  const body = parseWith(SiteCreate, sent, 'invalid_body');
  const site = newSiteKey();
  const readKey = await mintReadKey();
  const audit = auditOf(c, 'site.created', { site, target: site, fields: sentFields(sent) });
  await insertSite(c.env.DB, { key: site, name: body.name, origins: [...new Set(body.origins)], readKey }, audit.at, audit);
  return c.json({ site, read_key: readKey.key, prefix: readKey.prefix }, 201);
});

adminRoutes.get('/v1/admin/sites', async function listAllSites(c) {
  const actor = actorOf(c);
  return c.json({ sites: await listSites(c.env.DB, reaches(actor, ALL_SITES) ? null : actor.sites) });
});

adminRoutes.get('/v1/admin/sites/:site', async function getSiteRoute(c) {
  const site = await existingSite(c);
  return c.json(await getSite(c.env.DB, site));
});

adminRoutes.patch('/v1/admin/sites/:site', async function patchSite(c) {
  const before = await pathSite(c);
  const site = before.site;
  const parsed = parseWith(SitePatch, await readJson(c.req.raw), 'invalid_body');
  const patch = { ...parsed, origins: parsed.origins && [...new Set(parsed.origins)] };
  const audit = auditOf(c, 'site.updated', { site, target: site, fields: changedFields(before, parsed) });
  await updateSite(c.env.DB, site, patch, audit.at, audit);
  return c.json(await getSite(c.env.DB, site));
});

adminRoutes.post('/v1/admin/sites/:site/surveys', async function createSurvey(c) {
  const site = await existingSite(c);
  const sent = await readJson(c.req.raw);
  const body = parseWith(SurveyCreate, sent, 'invalid_body');
  const id = newSurveyId();
  const audit = auditOf(c, 'survey.created', { site, target: id, fields: sentFields(sent) });
  await insertSurvey(c.env.DB, site, id, body, audit.at, audit);
  return c.json({ id }, 201);
});

adminRoutes.get('/v1/admin/sites/:site/surveys', async function listSiteSurveys(c) {
  const site = await existingSite(c);
  return c.json({ surveys: await listSurveys(c.env.DB, site, { activeOnly: false }) });
});

adminRoutes.get('/v1/admin/sites/:site/surveys/:id', async function getSurveyRoute(c) {
  const site = await existingSite(c);
  return c.json(await existingSurvey(c, site));
});

adminRoutes.patch('/v1/admin/sites/:site/surveys/:id', async function patchSurvey(c) {
  const site = await existingSite(c);
  const survey = await existingSurvey(c, site);
  const patch = parseWith(SurveyPatch, await readJson(c.req.raw), 'invalid_body');
  if (patch.kind !== undefined && patch.kind !== survey.kind) {
    // Rollups and scores are per kind; changing it would mix scales.
    if (await hasResponses(c.env.DB, survey.id)) {
      throw new ApiError('conflict', 'kind cannot change once a survey has responses; create a new survey');
    }
  }
  const next: Record<string, unknown> = { ...survey };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete next[field];
    else next[field] = value;
  }
  const updated = next as SurveyRecord;
  const faces = facesRefusal(updated);
  if (faces) throw invalidField('invalid_body', 'style', faces);
  const audit = auditOf(c, 'survey.updated', { site, target: survey.id, fields: changedFields(survey, patch) });
  await replaceSurvey(c.env.DB, site, updated, audit.at, audit);
  return c.json(await getSurvey(c.env.DB, site, survey.id));
});

adminRoutes.post('/v1/admin/sites/:site/keys', async function createReadKey(c) {
  const site = await existingSite(c);
  const readKey = await mintReadKey();
  const audit = auditOf(c, 'read_key.created', { site, target: readKey.prefix });
  await insertReadKey(c.env.DB, site, readKey, audit.at, audit);
  return c.json({ read_key: readKey.key, prefix: readKey.prefix }, 201);
});

adminRoutes.get('/v1/admin/sites/:site/keys', async function listKeys(c) {
  const site = await existingSite(c);
  return c.json({ keys: await listReadKeys(c.env.DB, site) });
});

adminRoutes.delete('/v1/admin/sites/:site/keys/:prefix', async function revokeKey(c) {
  const site = await existingSite(c);
  const prefix = c.req.param('prefix');
  const audit = auditOf(c, 'read_key.revoked', { site, target: prefix });
  if (!(await revokeReadKey(c.env.DB, site, prefix, audit.at, audit))) {
    throw new ApiError('not_found', `no live key ${prefix} on site ${site}`);
  }
  return c.body(null, 204);
});

adminRoutes.delete('/v1/admin/sites/:site/users/:user', async function eraseUserRoute(c) {
  const site = await existingSite(c);
  const user = parseWith(UserId, c.req.param('user'), 'invalid_query');
  // The user id is not kept in the log: it would keep what was just erased.
  const audit = auditOf(c, 'user.erased', { site });
  // Suppressed first: a link answered while the erase runs stores nothing. Without link keys there are no links to stop.
  const keys = linkKeysIfSet(c.env);
  if (keys) await suppressUser(c.env.DB, site, await suppressionHashes(keys, site, user), audit.at);
  const erased = await eraseUser(c.env.DB, site, user, audit.at, audit);
  // Nothing of the user stays: not even when they were last asked (the cooldown index).
  await forgetVisitor(c.env.DB, site, await visitorKey(c.env, site, user));
  await queueNewDeliveries(c.env, waitUntilOf(c), { site, responses: erased, events: ON_ERASE });
  return c.json({ user, deleted: erased.length });
});

// Webhooks (…/webhooks) and value slots (…/values), behind the same cache reset.
adminRoutes.route('/', webhookRoutes);
adminRoutes.route('/', valueRoutes);

adminRoutes.delete('/v1/admin/sites/:site/responses/:id', async function eraseOneResponse(c) {
  const site = await existingSite(c);
  const id = parseWith(Uuid, c.req.param('id'), 'invalid_query');
  const audit = auditOf(c, 'response.erased', { site, target: id });
  if (!(await eraseResponse(c.env.DB, site, id, audit.at, audit))) throw new ApiError('not_found', `no response ${id} on site ${site}`);
  await queueNewDeliveries(c.env, waitUntilOf(c), { site, responses: [id], events: ON_ERASE });
  return c.body(null, 204);
});
