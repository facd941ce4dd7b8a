/** `GET /v1/sites/{site}/themes`: what the unhappy talk about, what the happy praise (docs/contract.md §14). */
import { Hono } from 'hono';
import { ThemesQuery, type ThemesResult } from '../../shared/schemas/themes';
import type { AppEnv } from '../env';
import { getSurvey } from '../db/surveys';
import type { ExportKey } from '../db/export';
import { moreComments, readCommentChunk, type ThemeFilter } from '../db/themes';
import { invalidField } from '../http/errors';
import { parseWith } from '../http/validate';
import { ThemeTally } from '../themes/tally';
import { edgesOf } from './analyst';
import { existingSite } from './params';

export const themeRoutes = new Hono<AppEnv>();

/**
 * Commented answers one answer reads at most, newest first: 50,000 answer
 * within 2 s in the local run (npm run bench); past that, the answer says
 * `partial` rather than grow without bound.
 */
export const THEMES_READ_ROWS = 50_000;
/**
 * Characters of comments one answer reads at most: what bounds the work when
 * comments are long (the 50,000 measured average 100 characters, and fit with
 * room; as many of 2,000 characters would take twenty times as long). Past
 * it, `partial`.
 */
export const THEMES_READ_CHARACTERS = 6_000_000;
/** Rows per read: a chunk's comments are counted and dropped before the next. */
const CHUNK = 10_000;

themeRoutes.get('/v1/sites/:site/themes', async function themes(c) {
  const site = await existingSite(c);
  const q = parseWith(ThemesQuery, c.req.query(), 'invalid_query');
  let kind = q.kind;
  if (q.survey !== undefined) {
    const survey = await getSurvey(c.env.DB, site, q.survey);
    // Another site's survey is named as the wrong parameter, without saying whether it exists.
    if (!survey) throw invalidField('invalid_query', 'survey', 'is not a survey of this site');
    if (kind !== undefined && kind !== survey.kind) throw invalidField('invalid_query', 'kind', `does not match the survey's kind (${survey.kind})`);
    kind = survey.kind;
  }
  const edges = edgesOf(q);
  const from = edges[0]!;
  const to = edges[edges.length - 1]!;
  const filter: ThemeFilter = {
    site,
    from,
    to,
    ...(q.survey !== undefined ? { survey: q.survey } : { kind }),
    touchpoint: q.touchpoint,
    channel: q.channel,
    locale: q.locale,
  };

  const tally = new ThemeTally(kind!);
  let rowsRead = 0;
  let read = 0;
  let after: ExportKey | null = null;
  let partial = false;
  let characters = 0;
  reading: for (;;) {
    const want = Math.min(CHUNK, THEMES_READ_ROWS - read);
    const { rows, rowsRead: cost } = await readCommentChunk(c.env.DB, filter, after, want);
    rowsRead += cost;
    read += rows.length;
    for (const row of rows) {
      if (row.comment === null) continue;
      if (characters >= THEMES_READ_CHARACTERS) {
        partial = true;
        break reading;
      }
      characters += row.comment.length;
      tally.add({ id: row.id, score: row.score, comment: row.comment });
    }
    const last = rows[rows.length - 1];
    if (rows.length < want || !last) break;
    after = { at: last.created_at, id: last.id };
    if (read >= THEMES_READ_ROWS) {
      partial = await moreComments(c.env.DB, filter, after);
      break;
    }
  }

  c.header('x-rows-read', String(rowsRead));
  c.header('cache-control', 'private, no-store');
  return c.json({
    site,
    kind: kind!,
    ...(q.survey !== undefined ? { survey: q.survey } : {}),
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    tz: q.tz,
    ...(q.touchpoint !== undefined ? { touchpoint: q.touchpoint } : {}),
    ...(q.channel !== undefined ? { channel: q.channel } : {}),
    ...(q.locale !== undefined ? { locale: q.locale } : {}),
    side: q.side,
    ...tally.themes(q.side, q.limit),
    partial,
  } satisfies ThemesResult);
});
