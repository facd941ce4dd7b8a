/** Analyst endpoints (a read key of the site, or a member or API key that reads it): scores, the site's meta, the session. */
import { Hono, type Context } from 'hono';
import { defaultWeekStart } from '../../shared/calendar';
import { ScoresQuery } from '../../shared/schemas/scores';
import type { SessionInfo, SiteMeta } from '../../shared/schemas/site';
import type { AppEnv } from '../env';
import { readLinkMints } from '../db/link-mints';
import { readRollups, seenValues } from '../db/rollups';
import { getSurvey, listSurveys, surveyIdsOfKind } from '../db/surveys';
import { invalidField, unknownSurvey } from '../http/errors';
import { parseWith } from '../http/validate';
import { computeScores, planScores } from '../scores/compute';
import { InvalidParameter, comparedPeriod, resolveEdges, type RangeQuery } from '../scores/range';
import { actorOf } from '../http/guard';
import type { Actor } from '../team/actor';
import { pathSite } from './params';

export const analystRoutes = new Hono<AppEnv>();

/** Touchpoints and channels in the site's meta: those seen in this many days. */
const META_DAYS = 90;

/** A plain error of the range code as a 400 naming the parameter. */
function naming<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof InvalidParameter) throw invalidField('invalid_query', error.parameter, error.reason);
    throw error;
  }
}

/** The range's bucket edges, or a 400 naming the parameter. */
export function edgesOf(query: RangeQuery): number[] {
  return naming(() => resolveEdges(query, Date.now()));
}

/** The range's bucket edges and the period compared with it, or a 400 naming the parameter. */
function periodsOf(query: ScoresQuery): { edges: number[]; previous?: { from: number; to: number } } {
  const edges = edgesOf(query);
  return { edges, previous: naming(() => comparedPeriod(query, edges[0]!, edges[edges.length - 1]!)) };
}

analystRoutes.get('/v1/sites/:site/scores', async function scores(c: Context<AppEnv>) {
  const { site, journey } = await pathSite(c);
  const query = parseWith(ScoresQuery, c.req.query(), 'invalid_query');

  let kind = query.kind;
  let surveys: string[];
  if (query.survey !== undefined) {
    const survey = await getSurvey(c.env.DB, site, query.survey);
    if (!survey) throw unknownSurvey(site, query.survey);
    if (kind !== undefined && kind !== survey.kind) throw invalidField('invalid_query', 'kind', `does not match the survey's kind (${survey.kind})`);
    kind = survey.kind;
    surveys = [survey.id];
  } else {
    surveys = await surveyIdsOfKind(c.env.DB, site, kind!);
  }

  const request = {
    site,
    kind: kind!,
    survey: query.survey,
    surveys,
    tz: query.tz,
    interval: query.interval,
    calendar: query.calendar,
    weekStart: query.week_start ?? defaultWeekStart(query.calendar),
    ...periodsOf(query),
    touchpoint: query.touchpoint,
    channel: query.channel,
    reason: query.reason,
    groupBy: query.group_by,
    journey,
  };
  const plan = planScores(request);
  const [rollups, mints] = await Promise.all([readRollups(c.env.DB, plan.reads, plan.sliverReads), readLinkMints(c.env.DB, plan.mints)]);
  // The cost of this answer in D1 terms, for dashboards and benchmarks.
  c.header('x-rows-read', String(rollups.rowsRead + mints.rowsRead));
  c.header('cache-control', 'private, no-store');
  return c.json(computeScores(request, plan, rollups, mints.rows));
});

analystRoutes.get('/v1/sites/:site/meta', async function siteMeta(c) {
  const { site, name, journey, touchpoint_labels } = await pathSite(c);
  const surveys = await listSurveys(c.env.DB, site, { activeOnly: false });
  const seen = await seenValues(
    c.env.DB,
    surveys.map((s) => s.id),
    Math.floor(Date.now() / 1000) - META_DAYS * 86_400,
  );
  c.header('cache-control', 'private, no-store');
  return c.json({
    site,
    name,
    journey,
    touchpoint_labels,
    surveys: surveys.map((s) => ({ id: s.id, kind: s.kind, name: s.name ?? null, active: s.active, reasons: s.reasons?.options ?? [] })),
    ...seen,
  } satisfies SiteMeta);
});

/** The session as the wire shows it (the admin token and read keys keep their v1 shapes). */
function sessionOf(actor: Actor): SessionInfo {
  switch (actor.kind) {
    case 'read_key':
      return { role: 'reader', site: actor.sites[0]! };
    case 'admin_token':
      return { role: 'admin' };
    case 'member':
      return { role: 'member', email: actor.email!, member_role: actor.role!, sites: [...actor.sites] };
    case 'api_key':
      return { role: 'api_key', prefix: actor.prefix!, scopes: [...actor.scopes], sites: [...actor.sites] };
  }
}

/**
 * `GET /v1/session`: who is asking, so that a console signs in with a read
 * key alone (the key does not say its site; the server knows), or by itself
 * behind Cloudflare Access.
 */
analystRoutes.get('/v1/session', async function session(c) {
  c.header('cache-control', 'private, no-store');
  return c.json(sessionOf(actorOf(c)));
});
