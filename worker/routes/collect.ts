/** Endpoints the widget calls: its site's config, answers, comments and exposure events. */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { SCALES } from '../../shared/kinds';
import { PAUSE_GRACE_MS } from '../../shared/limits';
import { SiteKey, Uuid } from '../../shared/schemas/common';
import { CommentBody, EventBody, ResponseBody } from '../../shared/schemas/response';
import type { AppEnv } from '../env';
import type { Target } from '../db/target';
import { addComment, insertResponse, quotaHourEnd } from '../db/responses';
import { deviceOf } from '../device';
import { joinsPending, recordEvent } from '../event-coalescer';
import { readJson } from '../http/body';
import { allowOrigin } from '../http/cors';
import { ApiError, invalidField, unknownSite, unknownSurvey } from '../http/errors';
import { limitClient, limitSite, overQuota, quotaClient } from '../http/rate-limit';
import { answersPerClientHour, country, waitUntilOf } from '../http/request';
import { parseWith } from '../http/validate';
import { WIDGET_ENDPOINTS } from '../http/widget-endpoints';
import { cachedConfig, cachedTarget } from '../lookups';
import { ON_ANSWER, ON_COMMENT, queueNewDeliveries } from '../webhooks/handoff';
import { chargeMiss } from './guards';

export const collectRoutes = new Hono<AppEnv>();

// Per-client limits come first: before any body is read.
collectRoutes.use(WIDGET_ENDPOINTS.responses, limitClient);
collectRoutes.use(WIDGET_ENDPOINTS.comment, limitClient);
collectRoutes.use(WIDGET_ENDPOINTS.events, limitClient);

/**
 * Every public write: the site must exist, the request come from a browser
 * page of one of the site's origins, and (unless the caller charges it
 * itself) the site's budget allow it. Returns the survey, if it is the site's.
 */
async function admit(c: Context<AppEnv>, site: string, survey: string | null, { chargeSite = true } = {}): Promise<Target['survey']> {
  const found = await cachedTarget(c.env.DB, site, survey);
  if (!found) throw unknownSite(site);
  allowOrigin(c, found.origins, { required: true });
  if (chargeSite) await limitSite(c, site);
  return found.survey;
}

function ownSurvey(survey: Target['survey'], site: string, id: string): NonNullable<Target['survey']> {
  if (!survey) throw unknownSurvey(site, id);
  return survey;
}

/** A paused survey takes nothing new; `graceMs` lets answers given while it ran still arrive. */
function refuseIfPaused(survey: NonNullable<Target['survey']>, id: string, now: number, graceMs: number): void {
  if (survey.pausedAt !== null && now - survey.pausedAt > graceMs) {
    throw new ApiError('survey_paused', `survey ${id} is paused`);
  }
}

collectRoutes.get(WIDGET_ENDPOINTS.config, async function siteConfig(c) {
  const key = c.req.param('site');
  const config = v.is(SiteKey, key) ? await cachedConfig(c.env.DB, key, chargeMiss(c)) : null;
  if (!config) throw unknownSite(key);
  allowOrigin(c, config.origins, { required: false });
  c.header('cache-control', 'public, max-age=60');
  c.header('etag', config.etag);
  c.header('vary', 'Origin', { append: true });
  if (c.req.header('if-none-match') === config.etag) return c.body(null, 304);
  return c.body(config.body, 200, { 'content-type': 'application/json; charset=utf-8' });
});

collectRoutes.post(WIDGET_ENDPOINTS.responses, async function postResponse(c) {
  const body = parseWith(ResponseBody, await readJson(c.req.raw), 'invalid_body');
  const survey = ownSurvey(await admit(c, body.site, body.survey), body.site, body.survey);
  const now = Date.now();
  refuseIfPaused(survey, body.survey, now, PAUSE_GRACE_MS);
  const { min, max } = SCALES[survey.kind];
  if (body.score < min || body.score > max) throw invalidField('invalid_body', 'score', `must be between ${min} and ${max}`);
  const outcome = await insertResponse(
    c.env.DB,
    { ...body, kind: survey.kind, country: country(c), device: deviceOf(c.req.header('user-agent')), createdAt: now },
    { quota: { client: await quotaClient(c), limit: answersPerClientHour(c) } },
  );
  if (outcome === 'conflict') throw new ApiError('conflict', 'this id is already used');
  if (outcome === 'over_quota') throw overQuota(quotaHourEnd(now), Date.now());
  if (outcome === 'stored') await queueNewDeliveries(c.env, waitUntilOf(c), { site: body.site, responses: [body.id], events: ON_ANSWER });
  return outcome === 'stored' ? c.json({ id: body.id }, 201) : c.json({ id: body.id, duplicate: true as const }, 200);
});

collectRoutes.post(WIDGET_ENDPOINTS.comment, async function postComment(c) {
  const id = c.req.param('id');
  const body = parseWith(CommentBody, await readJson(c.req.raw), 'invalid_body');
  await admit(c, body.site, null);
  if (!v.is(Uuid, id)) throw new ApiError('not_found', 'no such response');
  const outcome = await addComment(c.env.DB, { id: id.toLowerCase(), site: body.site, comment: body.comment, now: Date.now() });
  if (outcome === 'not_found') throw new ApiError('not_found', 'no such response');
  if (outcome === 'conflict') {
    throw new ApiError('conflict', 'a comment can be added once, within 60 minutes of the response');
  }
  await queueNewDeliveries(c.env, waitUntilOf(c), { site: body.site, responses: [id.toLowerCase()], events: ON_COMMENT });
  return c.json({ id: id.toLowerCase() }, 200);
});

collectRoutes.post(WIDGET_ENDPOINTS.events, async function postEvent(c) {
  const body = parseWith(EventBody, await readJson(c.req.raw), 'invalid_body');
  const survey = ownSurvey(await admit(c, body.site, body.survey, { chargeSite: false }), body.site, body.survey);
  const now = Date.now();
  // A paused survey is no longer shown; a card already on screen may still be closed.
  if (body.type === 'shown') refuseIfPaused(survey, body.survey, now, 0);
  const event = { ...body, country: country(c), device: deviceOf(c.req.header('user-agent')), at: now };
  // The site's budget is a ceiling on its writes: an event that only adds to counts already
  // waiting in memory writes nothing of its own, so only one that starts a new count is charged.
  if (!joinsPending(event)) await limitSite(c, body.site);
  await recordEvent(c.env.DB, event, { flushMs: Number(c.env.EVENTS_FLUSH_MS ?? 1000), waitUntil: waitUntilOf(c) });
  return c.body(null, 204);
});
