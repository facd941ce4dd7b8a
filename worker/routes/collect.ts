/** Endpoints the widget calls: its site's config, answers, their reasons and comments, exposure events, the cooldown. */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { SCALES } from '../../shared/kinds';
import { PAUSE_GRACE_MS } from '../../shared/limits';
import { SiteKey, Uuid } from '../../shared/schemas/common';
import { DueBody, type DueAnswer } from '../../shared/schemas/cooldown';
import { ReasonsBody } from '../../shared/schemas/reasons';
import { CommentBody, EventBody, ResponseBody } from '../../shared/schemas/response';
import { ConfigQuery, LOCALE_PARAM_MAX } from '../../shared/schemas/survey';
import { localize } from '../../shared/survey-text';
import { isoUtc } from '../../shared/time';
import type { AppEnv } from '../env';
import type { Target } from '../db/target';
import { lastAsked, markShown } from '../db/cooldowns';
import { addComment, addReasons, findAnswer, insertResponse, quotaHourEnd } from '../db/responses';
import { deviceOf } from '../device';
import { joinsPending, recordEvent } from '../event-coalescer';
import { readJson } from '../http/body';
import { allowOrigin } from '../http/cors';
import { ApiError, invalidField, unknownSite, unknownSurvey } from '../http/errors';
import { limitClient, limitSite, overQuota, quotaClient } from '../http/rate-limit';
import { answersPerClientHour, country, waitUntilOf } from '../http/request';
import { parseWith } from '../http/validate';
import { WIDGET_ENDPOINTS } from '../http/widget-endpoints';
import { cachedConfig, cachedTarget, configBody } from '../lookups';
import { visitorKey } from '../visitor';
import { ON_ANSWER, ON_COMMENT, queueNewDeliveries } from '../webhooks/handoff';
import { chargeMiss } from './guards';

const DAY_MS = 86_400_000;

export const collectRoutes = new Hono<AppEnv>();

// Per-client limits come first: before any body is read.
collectRoutes.use(WIDGET_ENDPOINTS.responses, limitClient);
collectRoutes.use(WIDGET_ENDPOINTS.comment, limitClient);
collectRoutes.use(WIDGET_ENDPOINTS.reasons, limitClient);
collectRoutes.use(WIDGET_ENDPOINTS.events, limitClient);
collectRoutes.use(WIDGET_ENDPOINTS.due, limitClient);

/**
 * Every public write: the site must exist, the request come from a browser
 * page of one of the site's origins, and (unless the caller charges it
 * itself) the site's budget allow it. Returns the site's target (its survey,
 * if it is the site's).
 */
async function admit(c: Context<AppEnv>, site: string, survey: string | null, { chargeSite = true } = {}): Promise<Target> {
  const found = await cachedTarget(c.env.DB, site, survey);
  if (!found) throw unknownSite(site);
  allowOrigin(c, found.origins, { required: true });
  if (chargeSite) await limitSite(c, site);
  return found;
}

/** The visitor's key in the cooldown index: only for an identified visitor of a site with a cooldown. */
async function cooldownVisitor(c: Context<AppEnv>, target: Target, site: string, user: string | undefined): Promise<string | null> {
  return target.cooldownDays > 0 && user !== undefined ? visitorKey(c.env, site, user) : null;
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
  const found = v.is(SiteKey, key) ? await cachedConfig(c.env.DB, key, chargeMiss(c)) : null;
  if (!found) throw unknownSite(key);
  // A page the site does not list may read the refusal: the widget then names the origin to add.
  allowOrigin(c, found.origins, { required: false, readableRefusal: true });
  // With `locale`, each survey as this visitor reads it: one locale's texts, the card's words, the waits.
  const asked = v.parse(ConfigQuery, c.req.query()).locale;
  const locale = asked && asked.length <= LOCALE_PARAM_MAX ? asked : '';
  const { body, etag } = await configBody(found, locale, (config) =>
    locale ? { ...config, surveys: config.surveys.map((survey) => localize(survey, locale, config.cooldown_days)) } : config,
  );
  c.header('cache-control', 'public, max-age=60');
  c.header('etag', etag);
  c.header('vary', 'Origin', { append: true });
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
});

collectRoutes.post(WIDGET_ENDPOINTS.responses, async function postResponse(c) {
  const body = parseWith(ResponseBody, await readJson(c.req.raw), 'invalid_body');
  const target = await admit(c, body.site, body.survey);
  const survey = ownSurvey(target.survey, body.site, body.survey);
  const now = Date.now();
  refuseIfPaused(survey, body.survey, now, PAUSE_GRACE_MS);
  const { min, max } = SCALES[survey.kind];
  if (body.score < min || body.score > max) throw invalidField('invalid_body', 'score', `must be between ${min} and ${max}`);
  const visitor = await cooldownVisitor(c, target, body.site, body.user);
  const outcome = await insertResponse(
    c.env.DB,
    {
      ...body,
      touchpoint: body.touchpoint ?? survey.touchpoint ?? undefined,
      kind: survey.kind,
      country: country(c),
      device: deviceOf(c.req.header('user-agent')),
      createdAt: now,
    },
    { quota: { client: await quotaClient(c), limit: answersPerClientHour(c) }, ...(visitor === null ? {} : { cooldown: { visitor } }) },
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

/**
 * The visitor's choice of reasons (docs/contract.md §15), checked against the
 * survey's options as they are now: each a known id, once, one unless the
 * survey takes several. Once, within 60 minutes of the answer, as a comment.
 */
collectRoutes.post(WIDGET_ENDPOINTS.reasons, async function postReasons(c) {
  const param = c.req.param('id');
  const body = parseWith(ReasonsBody, await readJson(c.req.raw), 'invalid_body');
  await admit(c, body.site, null);
  if (!v.is(Uuid, param)) throw new ApiError('not_found', 'no such response');
  const id = param.toLowerCase();
  const now = Date.now();
  const answer = await findAnswer(c.env.DB, { id, site: body.site, now });
  if (!answer) throw new ApiError('not_found', 'no such response');
  const choice = (await cachedTarget(c.env.DB, body.site, answer.survey))?.survey?.reasons ?? null;
  if (!choice) throw invalidField('invalid_body', 'reasons', `survey ${answer.survey} asks no reasons`);
  const unknown = body.reasons.find((reason) => !choice.ids.includes(reason));
  if (unknown !== undefined) throw invalidField('invalid_body', 'reasons', `${unknown} is not one of the survey's options (${choice.ids.join(', ')})`);
  if (body.reasons.length > 1 && !choice.multiple) throw invalidField('invalid_body', 'reasons', 'this survey takes one reason');
  const outcome = answer.open ? await addReasons(c.env.DB, { id, site: body.site, reasons: body.reasons, now }) : 'conflict';
  if (outcome === 'not_found') throw new ApiError('not_found', 'no such response');
  if (outcome === 'conflict') throw new ApiError('conflict', 'reasons can be added once, within 60 minutes of the response');
  return c.json({ id, reasons: body.reasons }, 200);
});

collectRoutes.post(WIDGET_ENDPOINTS.events, async function postEvent(c) {
  const { user, ...body } = parseWith(EventBody, await readJson(c.req.raw), 'invalid_body');
  const target = await admit(c, body.site, body.survey, { chargeSite: false });
  const survey = ownSurvey(target.survey, body.site, body.survey);
  const now = Date.now();
  // A paused survey is no longer shown; a card already on screen may still be closed.
  if (body.type === 'shown') refuseIfPaused(survey, body.survey, now, 0);
  const event = { ...body, touchpoint: body.touchpoint ?? survey.touchpoint ?? undefined, country: country(c), device: deviceOf(c.req.header('user-agent')), at: now };
  const visitor = body.type === 'shown' ? await cooldownVisitor(c, target, body.site, user) : null;
  // The site's budget is a ceiling on its writes: an event that only adds to counts already waiting
  // in memory writes nothing of its own, so only one that starts a new count or moves a cooldown is charged.
  if (visitor !== null || !joinsPending(event)) await limitSite(c, body.site);
  if (visitor !== null) await markShown(c.env.DB, body.site, visitor, now);
  await recordEvent(c.env.DB, event, { flushMs: Number(c.env.EVENTS_FLUSH_MS ?? 1000), waitUntil: waitUntilOf(c) });
  return c.body(null, 204);
});

/**
 * May this identified visitor be asked now? The widget asks just before it
 * would show a survey; the answer is one row read by its key.
 */
collectRoutes.post(WIDGET_ENDPOINTS.due, async function due(c) {
  const body = parseWith(DueBody, await readJson(c.req.raw), 'invalid_body');
  const target = await admit(c, body.site, null);
  c.header('cache-control', 'no-store');
  const visitor = await cooldownVisitor(c, target, body.site, body.user);
  const last = visitor === null ? null : await lastAsked(c.env.DB, body.site, visitor);
  const until = last === null ? 0 : last + target.cooldownDays * DAY_MS;
  return c.json((until > Date.now() ? { due: false, until: isoUtc(until) } : { due: true }) satisfies DueAnswer);
});
