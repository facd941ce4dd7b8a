/** Analyst endpoints (contract §4), behind a read key of the site. */
import { Hono } from 'hono';
import { ScoresQuery } from '../../shared/schemas/scores';
import type { AppEnv } from '../env';
import { getSurvey, surveyIdsOfKind } from '../db/surveys';
import { requireReader } from '../http/auth';
import { ApiError } from '../http/errors';
import { parseWith } from '../http/validate';
import { computeScores } from '../scores/compute';
import { resolveEdges } from '../scores/range';
import { existingSite } from './sites';

export const analystRoutes = new Hono<AppEnv>();
analystRoutes.use('/v1/sites/:site/scores', requireReader);

analystRoutes.get('/v1/sites/:site/scores', async (c) => {
  const site = await existingSite(c);
  const query = parseWith(ScoresQuery, c.req.query(), 'invalid_query');

  let kind = query.kind;
  let surveys: string[];
  if (query.survey !== undefined) {
    const survey = await getSurvey(c.env.DB, site, query.survey);
    if (!survey) throw new ApiError('unknown_survey', `no survey ${query.survey} on site ${site}`);
    if (kind !== undefined && kind !== survey.kind) {
      const message = `does not match the survey's kind (${survey.kind})`;
      throw new ApiError('invalid_query', `kind: ${message}`, [{ path: 'kind', message }]);
    }
    kind = survey.kind;
    surveys = [survey.id];
  } else {
    surveys = await surveyIdsOfKind(c.env.DB, site, kind!);
  }

  const edges = resolveEdges(query, Date.now());
  const { result, rowsRead } = await computeScores(c.env.DB, {
    site,
    kind: kind!,
    survey: query.survey,
    surveys,
    tz: query.tz,
    interval: query.interval,
    edges,
    touchpoint: query.touchpoint,
    groupBy: query.group_by,
    compare: query.compare === 'previous',
  });
  // The cost of this answer in D1 terms, for dashboards and benchmarks.
  c.header('x-rows-read', String(rowsRead));
  c.header('cache-control', 'private, no-store');
  return c.json(result);
});
