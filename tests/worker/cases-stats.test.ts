/**
 * The inbox's cost and the stats route (docs/contract.md §13): a page of a
 * site with 100,000 cases reads a bounded number of rows whatever the
 * filter (D1's own count, `X-Rows-Read`), and the stats route serves
 * shared/case-stats.ts's figures over the cases opened in the range.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_SCAN_ROWS } from '../../worker/db/cases';
import { asAdmin, createSite, createSurvey, json, seedResponses, type TestSite } from './helpers';

const H = 3_600_000;

describe('a site with 100,000 cases', () => {
  let site: TestSite;
  const N = 100_000;

  beforeAll(async () => {
    site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const start = Date.now() - N * 1000;
    // Every answer low: each opens its case through the insert's own trigger.
    await seedResponses(
      site.site,
      survey,
      'nps',
      Array.from({ length: N }, (_, i) => ({ score: i % 7, at: start + i * 1000, touchpoint: i % 1000 === 0 ? 'rare' : 'checkout' })),
    );
    // A few assigned and contacted, long ago (the oldest cases).
    await env.DB.prepare("UPDATE cases SET assignee = 'mina@example.com', status = 'contacted', first_contact_at = opened_at + 3600000 WHERE site = ? AND opened_at < ?")
      .bind(site.site, start + 20_000)
      .run();
  }, 600_000);

  it('reads a bounded number of rows per page, whatever the filter', async () => {
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM cases WHERE site = ?').bind(site.site).first<{ n: number }>())!.n).toBe(N);
    const measured: Record<string, number> = {};
    for (const query of ['', 'status=open', 'assignee=none', 'assignee=mina%40example.com', 'touchpoint=rare', 'kind=nps&status=contacted', 'touchpoint=rare&assignee=none']) {
      const res = await asAdmin('GET', `/v1/sites/${site.site}/cases?limit=50&${query}`);
      expect(res.status, query).toBe(200);
      const page = await json<{ cases: unknown[]; next_cursor: string | null }>(res);
      const rows = Number(res.headers.get('x-rows-read'));
      measured[query || '(none)'] = rows;
      // One filter or none: the page's own index rows, cases and answers. Several: the bounded scan, read three times, too.
      const bound = query.includes('&') ? 3 * CASE_SCAN_ROWS + 3 * 51 : 3 * 51;
      expect(rows, query).toBeLessThanOrEqual(bound);
      // The 20 contacted (assigned) cases, a page of 50, or (a rare touchpoint) whatever the scan met.
      if (query.includes('mina') || query.includes('contacted')) expect(page.cases, query).toHaveLength(20);
      else if (!query.includes('rare')) expect(page.cases, query).toHaveLength(50);
    }
    console.log('rows read per inbox page, 100,000 cases:', JSON.stringify(measured));
  }, 120_000);

  it('pages that stop at the scan carry on where it stopped: every rare unassigned case, once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await asAdmin('GET', `/v1/sites/${site.site}/cases?limit=50&touchpoint=rare&assignee=none${cursor ? `&cursor=${cursor}` : ''}`);
      const page: { cases: { id: string }[]; next_cursor: string | null } = await json(res);
      seen.push(...page.cases.map((c) => c.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    // 100 rare answers (every 1000th); the oldest of them is among the 20 assigned.
    expect(seen).toHaveLength(99);
    expect(new Set(seen).size).toBe(99);
    expect(pages).toBeGreaterThan(N / CASE_SCAN_ROWS - 2);
  }, 300_000);
});

describe('GET /v1/sites/{site}/cases/stats', () => {
  it('serves the figures of the cases opened in the range, in total and by assignee, and refuses odd queries', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const now = Date.now();
    await seedResponses(site.site, survey, 'nps', [
      { score: 0, at: now - 10 * H, touchpoint: 'checkout' },
      { score: 1, at: now - 9 * H, touchpoint: 'checkout' },
      { score: 2, at: now - 100 * H, touchpoint: 'delivery' },
      { score: 9, at: now - 5 * H },
    ]);
    // First contacts 2 h and 4 h after opening, by Mina; the third still open past 48 h.
    await env.DB.prepare(
      `UPDATE cases SET status = 'contacted', assignee = 'mina@example.com',
              first_contact_at = opened_at + CASE touchpoint WHEN 'checkout' THEN (CASE WHEN opened_at < ? THEN 2 ELSE 4 END) END * 3600000
        WHERE site = ? AND touchpoint = 'checkout'`,
    )
      .bind(now - 9.5 * H, site.site)
      .run();
    const res = await asAdmin('GET', `/v1/sites/${site.site}/cases/stats?from=${new Date(now - 30 * 24 * H).toISOString().slice(0, 10)}&group_by=assignee`);
    expect(res.status).toBe(200);
    const stats = await json<{ sla_hours: number; total: Record<string, unknown>; groups: { key: string | null; opened: number }[] }>(res);
    expect(stats.sla_hours).toBe(48);
    // Contacts 2 h and 4 h: median 3, p90 2 + 0.9·2 = 3.8; within: 2 made of 3 counted (the open one is 100 h old).
    expect(stats.total).toMatchObject({ opened: 3, open: 1, contacted: 2, resolved: 0, no_action: 0, close_h: { median: null, p90: null } });
    expect((stats.total.first_contact_h as { median: number }).median).toBeCloseTo(3, 9);
    expect((stats.total.first_contact_h as { p90: number }).p90).toBeCloseTo(3.8, 9);
    expect(stats.total.within_sla).toBeCloseTo(2 / 3, 12);
    expect(stats.groups.map((g) => [g.key, g.opened])).toEqual([['mina@example.com', 2], [null, 1]]);

    for (const query of ['group_by=status', 'from=yesterday', 'to=2020-13-01', 'site=x']) {
      const bad = await asAdmin('GET', `/v1/sites/${site.site}/cases/stats?${query}`);
      expect(bad.status, query).toBe(400);
      expect((await json<{ error: { issues: { path: string }[] } }>(bad)).error.issues[0]!.path).toBe(query.split('=')[0]);
    }
  });
});
