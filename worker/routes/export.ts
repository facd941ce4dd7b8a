/** `GET /v1/sites/{site}/responses`: raw answers, streamed a page at a time, oldest first (an export) or newest first (a feed). */
import { Hono } from 'hono';
import { type ExportedResponse, type ExportFormat, ExportQuery } from '../../shared/schemas/export';
import { foldForSearch } from '../../shared/text/fold';
import { parseInstant } from '../../shared/time';
import type { AppEnv } from '../env';
import { exportRows, pageEnd, type ExportFilter } from '../db/export';
import { getSurvey } from '../db/surveys';
import { invalidField, unknownSurvey } from '../http/errors';
import { parseWith } from '../http/validate';
import { BOM, csvHeader, csvLine, decodeCursor, encodeCursor, type ExportColumn, exportColumns, ndjsonLine } from '../export/format';
import { localColumns } from '../export/local';
import { scoreFilter } from '../export/scores-filter';
import { NOT_A_DATE } from '../scores/range';
import { existingSite } from './params';

export const exportRoutes = new Hono<AppEnv>();

const invalid = (parameter: string, message: string) => invalidField('invalid_query', parameter, message);

/** How each format is sent: its media type, whether it is a file to save, what opens the page, and its lines in the asked columns. */
interface FormatSpec {
  type: string;
  attachment: boolean;
  header: (columns: readonly ExportColumn[], bom: boolean) => string | null;
  line: (row: ExportedResponse, columns: readonly ExportColumn[]) => string;
}

const FORMATS: Record<ExportFormat, FormatSpec> = {
  ndjson: { type: 'application/x-ndjson; charset=utf-8', attachment: false, header: () => null, line: (row) => ndjsonLine(row) },
  csv: { type: 'text/csv; charset=utf-8', attachment: true, header: (columns, bom) => `${bom ? BOM : ''}${csvHeader(columns)}`, line: csvLine },
};

exportRoutes.get('/v1/sites/:site/responses', async function exportResponses(c) {
  const site = await existingSite(c);
  const q = parseWith(ExportQuery, c.req.query(), 'invalid_query');
  const tz = q.tz ?? 'UTC';
  const bound = (parameter: 'from' | 'to', text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const t = parseInstant(text, tz);
    if (t === null) throw invalid(parameter, NOT_A_DATE);
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
    reason: q.reason,
    locale: q.locale,
    country: q.country,
    device: q.device,
    hasComment: q.has_comment,
    search: q.q === undefined ? undefined : foldForSearch(q.q),
    theme: q.theme,
    id: q.id,
  };
  if (filter.from >= filter.to) throw invalid('from', 'must be before to');
  let kind = q.kind;
  if (q.survey !== undefined) {
    const survey = await getSurvey(c.env.DB, site, q.survey);
    if (!survey) throw unknownSurvey(site, q.survey);
    if (kind !== undefined && kind !== survey.kind) throw invalid('kind', `does not match the survey's kind (${survey.kind})`);
    kind = survey.kind;
    filter.survey = q.survey;
  }
  const scores = scoreFilter(kind, q);
  if ('parameter' in scores) throw invalid(scores.parameter, scores.reason);
  filter.scores = scores.ranges;
  const after = q.cursor === undefined ? null : decodeCursor(q.cursor);
  if (q.cursor !== undefined && after === null) throw invalid('cursor', 'is not a cursor this API made');

  const { last, more, rows } = await pageEnd(c.env.DB, filter, after, q.limit);
  const format = FORMATS[q.format];
  const headers: Record<string, string> = {
    'content-type': format.type,
    'cache-control': 'private, no-store',
  };
  if (format.attachment) headers['content-disposition'] = `attachment; filename="responses-${site}.${q.format}"`;
  if (more && last) {
    const next = new URL(c.req.url);
    next.searchParams.set('cursor', encodeCursor(last));
    headers.link = `<${next.toString()}>; rel="next"`;
  }

  const local = localColumns({ tz: q.tz, calendar: q.calendar });
  const columns = exportColumns({ time: q.tz !== undefined, date: q.calendar !== undefined });
  const encoder = new TextEncoder();
  // A page without matches (its reading ended short of any) streams no rows: the window is not read again.
  const chunks = last && rows > 0 ? exportRows(c.env.DB, filter, after, last) : null;
  let header = format.header(columns, q.bom);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (header !== null) {
        controller.enqueue(encoder.encode(header));
        header = null;
        return;
      }
      const next = chunks ? await chunks.next() : { done: true as const, value: undefined };
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map((row) => format.line(local ? { ...row, ...local(Date.parse(row.created_at)) } : row, columns)).join('')));
    },
  });
  return new Response(body, { status: 200, headers });
});
