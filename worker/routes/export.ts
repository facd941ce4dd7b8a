/** `GET /v1/sites/{site}/responses`: raw answers, streamed a page at a time, oldest first (an export) or newest first (a feed). */
import { Hono } from 'hono';
import { ExportQuery } from '../../shared/schemas/export';
import { foldForSearch } from '../../shared/search';
import { parseInstant } from '../../shared/time';
import type { AppEnv } from '../env';
import { exportRows, pageEnd, type ExportFilter } from '../db/export';
import { getSurvey } from '../db/surveys';
import { invalidField, unknownSurvey } from '../http/errors';
import { parseWith } from '../http/validate';
import { CSV_HEADER, csvLine, decodeCursor, encodeCursor, ndjsonLine } from '../export/format';
import { existingSite } from './params';

export const exportRoutes = new Hono<AppEnv>();

const invalid = (parameter: string, message: string) => invalidField('invalid_query', parameter, message);

exportRoutes.get('/v1/sites/:site/responses', async function exportResponses(c) {
  const site = await existingSite(c);
  const q = parseWith(ExportQuery, c.req.query(), 'invalid_query');
  const bound = (parameter: 'from' | 'to', text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const t = parseInstant(text, q.tz);
    if (t === null) throw invalid(parameter, 'is not a real date or time');
    return t;
  };
  const filter: ExportFilter = {
    site,
    from: bound('from', q.from, 0),
    to: bound('to', q.to, Number.MAX_SAFE_INTEGER),
    order: q.order,
    kind: q.kind,
    channel: q.channel,
    touchpoint: q.touchpoint,
    hasComment: q.has_comment,
    minScore: q.min_score,
    maxScore: q.max_score,
    search: q.q === undefined ? undefined : foldForSearch(q.q),
  };
  if (filter.from >= filter.to) throw invalid('from', 'must be before to');
  if (q.survey !== undefined) {
    if (!(await getSurvey(c.env.DB, site, q.survey))) throw unknownSurvey(site, q.survey);
    filter.survey = q.survey;
  }
  const after = q.cursor === undefined ? null : decodeCursor(q.cursor);
  if (q.cursor !== undefined && after === null) throw invalid('cursor', 'is not a cursor this API made');

  const { last, more } = await pageEnd(c.env.DB, filter, after, q.limit);
  const headers: Record<string, string> = {
    'content-type': q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    'cache-control': 'private, no-store',
  };
  if (q.format === 'csv') headers['content-disposition'] = `attachment; filename="responses-${site}.csv"`;
  if (more && last) {
    const next = new URL(c.req.url);
    next.searchParams.set('cursor', encodeCursor(last));
    headers.link = `<${next.toString()}>; rel="next"`;
  }

  const encoder = new TextEncoder();
  const line = q.format === 'csv' ? csvLine : ndjsonLine;
  const chunks = last ? exportRows(c.env.DB, filter, after, last) : null;
  let headerSent = q.format !== 'csv';
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(CSV_HEADER));
        return;
      }
      const next = chunks ? await chunks.next() : { done: true as const, value: undefined };
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(line).join('')));
    },
  });
  return new Response(body, { status: 200, headers });
});
