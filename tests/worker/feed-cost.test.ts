/**
 * What a page of the feed costs in D1 rows read, wherever it is in the feed:
 * the cursor, not the range's far end, bounds each index scan, so page 5
 * reads about what page 1 reads instead of stepping again over the four
 * pages before it. Measured on the query functions the route calls, with
 * D1's own `rows_read` of every statement they run.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { exportRows, type ExportFilter, type ExportKey, pageEnd, SCAN_ROWS, SEARCH_SCAN_ROWS, THEME_PAGE_CHARACTERS } from '../../worker/db/export';
import { createSite, createSurvey, seedResponses } from './helpers';

/**
 * The database, with every statement's `rows_read` added up. `first()` is
 * answered through `all()`, which carries D1's meta.
 */
function counted(db: D1Database): { db: D1Database; rowsRead: () => number } {
  let rowsRead = 0;
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, name) {
        if (name === 'bind') return (...values: unknown[]) => wrap(target.bind(...values));
        if (name === 'all')
          return async () => {
            const result = await target.all();
            rowsRead += result.meta.rows_read ?? 0;
            return result;
          };
        if (name === 'first')
          return async () => {
            const result = await target.all();
            rowsRead += result.meta.rows_read ?? 0;
            return result.results[0] ?? null;
          };
        return Reflect.get(target, name);
      },
    });
  const proxy = new Proxy(db, {
    get(target, name) {
      if (name === 'prepare') return (sql: string) => wrap(target.prepare(sql));
      return Reflect.get(target, name);
    },
  });
  return { db: proxy, rowsRead: () => rowsRead };
}

/** One page as the route serves it: where it ends, then its rows; the rows read by both. */
async function page(filter: ExportFilter, after: ExportKey | null, limit: number): Promise<{ ids: string[]; last: ExportKey | null; rowsRead: number }> {
  const { db, rowsRead } = counted(env.DB);
  const { last, rows } = await pageEnd(db, filter, after, limit);
  const ids: string[] = [];
  if (last && rows > 0) for await (const chunk of exportRows(db, filter, after, last)) ids.push(...chunk.map((r) => r.id));
  return { ids, last, rowsRead: rowsRead() };
}

const T0 = Date.parse('2026-06-01T00:00:00Z');
const ANSWERS = 50_000;
const LIMIT = 50;

describe('the cost of a feed page', () => {
  it(`page 5 of a ${ANSWERS.toLocaleString('en')}-answer feed reads about what page 1 reads, newest first and oldest first`, async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    // One answer a minute, three in four with a comment: a busy month.
    await seedResponses(
      site.site,
      survey,
      'nps',
      Array.from({ length: ANSWERS }, (_, i) => ({ score: i % 11, at: T0 + i * 60_000, comment: i % 4 === 3 ? undefined : `comment ${i}` })),
    );
    const range = { site: site.site, from: T0, to: T0 + ANSWERS * 60_000 };
    const figures: Record<string, number[]> = {};
    for (const [name, filter] of [
      ['comments, newest first', { ...range, order: 'desc', hasComment: true }],
      ['every answer, oldest first', { ...range, order: 'asc' }],
      ['detractors, newest first', { ...range, order: 'desc', hasComment: true, scores: [{ min: 0, max: 6 }] }],
    ] as [string, ExportFilter][]) {
      const costs: number[] = [];
      const seen = new Set<string>();
      let after: ExportKey | null = null;
      for (let n = 1; n <= 5; n++) {
        const p = await page(filter, after, LIMIT);
        expect(p.ids).toHaveLength(LIMIT);
        for (const id of p.ids) seen.add(id);
        costs.push(p.rowsRead);
        after = p.last;
      }
      // Every row once across the pages.
      expect(seen.size).toBe(5 * LIMIT);
      figures[name] = costs;
      // A page reads its rows (twice: where it ends, then the rows) and the few between them that do not match,
      // never the pages before it again, nor the rest of the window.
      for (const cost of costs) expect(cost, `${name}: ${costs.join(', ')}`).toBeLessThanOrEqual(4 * LIMIT);
      expect(costs[4]!, `${name}: ${costs.join(', ')}`).toBeLessThanOrEqual(costs[0]! + 10);
    }
    // A search nobody's comment holds reads its window of rows once for the matches and once for where it ended.
    const rare = await page({ ...range, order: 'desc', hasComment: true, search: 'zanzibar' }, null, LIMIT);
    expect(rare.ids).toEqual([]);
    expect(rare.rowsRead).toBeLessThanOrEqual(2 * SEARCH_SCAN_ROWS + 10);
    figures['a search that matches nothing, page 1'] = [rare.rowsRead];
    console.log(`[feed cost] rows read by pages 1–5 of ${ANSWERS} answers (limit ${LIMIT}): ${JSON.stringify(figures)}`);
  }, 120_000);

  it('a theme page reads at most THEME_PAGE_CHARACTERS of comments: long comments that only look like the term end the page early, and the cursor carries on to the match', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    // 2,000 characters that hold the letters of "delivery" (so SQL keeps them) but never the word.
    const lookalike = 'deliveryx '.repeat(200);
    const fit = THEME_PAGE_CHARACTERS / lookalike.length;
    const rows = Array.from({ length: 2 * fit + 10 }, (_, i) => ({ score: 3, at: T0 + (i + 1) * 60_000, comment: lookalike }));
    // The one real match is the oldest.
    rows.push({ score: 3, at: T0, comment: 'the delivery was late' });
    for (let i = 0; i < rows.length; i += 500) await seedResponses(site.site, survey, 'nps', rows.slice(i, i + 500));
    const filter: ExportFilter = { site: site.site, from: T0, to: T0 + (rows.length + 1) * 60_000, order: 'desc', theme: 'delivery' };
    const first = await page(filter, null, LIMIT);
    expect(first.ids).toEqual([]);
    // The page ended where its budget did: at the fit-th newest comment, not the window's 10,000 rows.
    expect(first.last?.at).toBe(T0 + (rows.length - fit) * 60_000);
    let after = first.last;
    const found: string[] = [];
    for (let n = 0; n < 5 && after; n++) {
      const next = await page(filter, after, LIMIT);
      found.push(...next.ids);
      after = next.last;
    }
    expect(found).toHaveLength(1);
  }, 120_000);

  it('a search page reads at most SEARCH_SCAN_ROWS rows whatever its limit: comments that only hold the letters end the page, and the cursor carries on to the match', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    // Comments that hold every letter of "zanzibar" (so the prefilter keeps them) but never the word.
    const lookalike = 'zanzibax rabiznaz ';
    const rows = Array.from({ length: SEARCH_SCAN_ROWS + 10 }, (_, i) => ({ score: 3, at: T0 + (i + 1) * 60_000, comment: lookalike }));
    rows.push({ score: 3, at: T0, comment: 'sent to zanzibar' });
    for (let i = 0; i < rows.length; i += 500) await seedResponses(site.site, survey, 'nps', rows.slice(i, i + 500));
    const filter: ExportFilter = { site: site.site, from: T0, to: T0 + (rows.length + 1) * 60_000, order: 'desc', search: 'zanzibar' };
    // Even asked for 10,000 rows, the page reads its bounded window and ends there.
    const first = await page(filter, null, 10_000);
    expect(first.ids).toEqual([]);
    expect(first.last?.at).toBe(T0 + (rows.length - SEARCH_SCAN_ROWS) * 60_000);
    expect(first.rowsRead).toBeLessThanOrEqual(3 * SEARCH_SCAN_ROWS + 10);
    const next = await page(filter, first.last, 10_000);
    expect(next.ids).toHaveLength(1);
  }, 120_000);
});
