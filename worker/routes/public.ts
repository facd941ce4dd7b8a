/** Endpoints the widget calls (contract §3). */
import { Hono, type Context } from 'hono';
import { SCALES } from '../../shared/kinds';
import { CommentBody, EventBody, ResponseBody } from '../../shared/schemas/response';
import { SiteKey, Uuid } from '../../shared/schemas/common';
import * as v from 'valibot';
import type { AppEnv } from '../env';
import { loadTarget, type Target } from '../db/target';
import { addComment, insertResponse } from '../db/responses';
import { countEvent } from '../db/events';
import { getSite } from '../db/sites';
import { listSurveys, toConfig } from '../db/surveys';
import { deviceOf } from '../device';
import { readJson } from '../http/body';
import { allowOrigin } from '../http/cors';
import { ApiError } from '../http/errors';
import { parseWith } from '../http/validate';

export const publicRoutes = new Hono<AppEnv>();

function country(c: Context<AppEnv>): string {
  const cf = c.req.raw.cf as { country?: unknown } | undefined;
  return typeof cf?.country === 'string' ? cf.country : '';
}

/** Site and survey must exist, the origin must be the site's, and the survey must be the site's. */
async function target(c: Context<AppEnv>, site: string, survey: string): Promise<NonNullable<Target['survey']>> {
  const found = await loadTarget(c.env.DB, site, survey);
  if (!found) throw new ApiError('unknown_site', `no site ${site}`);
  allowOrigin(c, found.origins);
  if (!found.survey) throw new ApiError('unknown_survey', `no survey ${survey} on site ${site}`);
  return found.survey;
}

const configCacheControl = 'public, max-age=60';

publicRoutes.get('/v1/sites/:site/config', async (c) => {
  const key = c.req.param('site');
  const site = v.is(SiteKey, key) ? await getSite(c.env.DB, key) : null;
  if (!site) throw new ApiError('unknown_site', `no site ${key}`);
  allowOrigin(c, site.origins);
  const surveys = await listSurveys(c.env.DB, site.site, { activeOnly: true });
  const body = JSON.stringify({ site: site.site, surveys: surveys.map(toConfig) });
  const etag = `"${await shortHash(body)}"`;
  c.header('cache-control', configCacheControl);
  c.header('etag', etag);
  c.header('vary', 'Origin', { append: true });
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
});

async function shortHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest).slice(0, 12))).replace(/[+/=]/g, '');
}

publicRoutes.post('/v1/responses', async (c) => {
  const body = parseWith(ResponseBody, await readJson(c.req.raw), 'invalid_body');
  const survey = await target(c, body.site, body.survey);
  const { min, max } = SCALES[survey.kind];
  if (body.score < min || body.score > max) {
    const message = `must be between ${min} and ${max}`;
    throw new ApiError('invalid_body', `score: ${message}`, [{ path: 'score', message }]);
  }
  const outcome = await insertResponse(c.env.DB, {
    ...body,
    kind: survey.kind,
    country: country(c),
    device: deviceOf(c.req.header('user-agent')),
    createdAt: Date.now(),
  });
  if (outcome === 'conflict') throw new ApiError('conflict', 'this id is already used');
  return outcome === 'stored' ? c.json({ id: body.id }, 201) : c.json({ id: body.id, duplicate: true as const }, 200);
});

publicRoutes.post('/v1/responses/:id/comment', async (c) => {
  const id = c.req.param('id');
  const body = parseWith(CommentBody, await readJson(c.req.raw), 'invalid_body');
  const found = await loadTarget(c.env.DB, body.site, null);
  if (!found) throw new ApiError('unknown_site', `no site ${body.site}`);
  allowOrigin(c, found.origins);
  if (!v.is(Uuid, id)) throw new ApiError('not_found', 'no such response');
  const outcome = await addComment(c.env.DB, { id: id.toLowerCase(), site: body.site, comment: body.comment, now: Date.now() });
  if (outcome === 'not_found') throw new ApiError('not_found', 'no such response');
  if (outcome === 'conflict') {
    throw new ApiError('conflict', 'a comment can be added once, within 60 minutes of the response');
  }
  return c.json({ id: id.toLowerCase() }, 200);
});

publicRoutes.post('/v1/events', async (c) => {
  const body = parseWith(EventBody, await readJson(c.req.raw), 'invalid_body');
  await target(c, body.site, body.survey);
  await countEvent(c.env.DB, {
    ...body,
    country: country(c),
    device: deviceOf(c.req.header('user-agent')),
    at: Date.now(),
  }).run();
  return c.body(null, 204);
});
