/**
 * The analyst additions: the responses feed (newest first, comments only,
 * score bands, touchpoint, text search that folds Persian and Arabic letter
 * variants), the site's journey ordering touchpoint groups, and the site's
 * meta for the console.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../shared/text/fold';
import { SEARCH_SCAN_ROWS } from '../../worker/db/export';
import { asAdmin, call, createSite, createSurvey, json, postJson, postResponse, scoresJson, seedResponses, type TestSite } from './helpers';

interface FeedRow {
  id: string;
  score: number;
  comment: string | null;
  touchpoint: string | null;
  created_at: string;
}

async function feed(site: TestSite, query: Record<string, string>): Promise<{ rows: FeedRow[]; next: string | null; status: number; body: string }> {
  const res = await call(`/v1/sites/${site.site}/responses?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${site.readKey}` } });
  // Bytes first: workerd warns on .text() of an NDJSON body.
  const body = new TextDecoder().decode(await res.arrayBuffer());
  const link = res.headers.get('link');
  return {
    status: res.status,
    body,
    rows: res.status === 200 ? body.split('\n').filter(Boolean).map((line) => JSON.parse(line) as FeedRow) : [],
    next: link ? new URL(/<([^>]+)>/.exec(link)![1]!).searchParams.get('cursor') : null,
  };
}

const T0 = Date.parse('2026-10-01T00:00:00Z');
const MINUTE = 60_000;

describe('the responses feed', () => {
  it('pages newest first with order=desc, the cursor following the order, every row once', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    await seedResponses(site.site, survey, 'nps', Array.from({ length: 23 }, (_, i) => ({ score: i % 11, at: T0 + i * MINUTE, comment: i % 2 ? `c${i}` : undefined })));
    const seen: FeedRow[] = [];
    let cursor: string | null = null;
    do {
      const page = await feed(site, { order: 'desc', limit: '5', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...page.rows);
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(23);
    const times = seen.map((r) => Date.parse(r.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(seen.map((r) => r.id)).size).toBe(23);
  });

  it('id gives that one answer whatever its date or comment; another site\'s answer gives nothing, a bad id 400', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    await seedResponses(site.site, survey, 'nps', Array.from({ length: 30 }, (_, i) => ({ score: i % 11, at: T0 + i * MINUTE })));
    const [one] = await feed(site, { order: 'desc', limit: '1' }).then((page) => page.rows);
    const only = await feed(site, { id: one!.id.toUpperCase(), order: 'desc' });
    expect(only.rows.map((r) => r.id)).toEqual([one!.id]);
    expect(only.next).toBeNull();
    // With filters it does not meet, nothing.
    expect((await feed(site, { id: one!.id, has_comment: 'true' })).rows).toEqual([]);
    const other = await createSite();
    expect((await feed(other, { id: one!.id })).rows).toEqual([]);
    const bad = await feed(site, { id: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('"path":"id"');
  });

  it('filters comments, a score range and a touchpoint: a detractors-with-comments feed', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const rows = Array.from({ length: 44 }, (_, i) => ({
      score: i % 11,
      at: T0 + i * MINUTE,
      touchpoint: i % 4 === 0 ? 'checkout' : 'support',
      comment: i % 3 === 0 ? undefined : `comment ${i}`,
    }));
    await seedResponses(site.site, survey, 'nps', rows);
    const { rows: got } = await feed(site, { has_comment: 'true', order: 'desc', min_score: '0', max_score: '6', touchpoint: 'support', limit: '50' });
    const want = rows.filter((r) => r.comment && r.score <= 6 && r.touchpoint === 'support');
    expect(got.map((r) => r.comment)).toEqual(want.map((r) => r.comment).reverse());
    expect(got.every((r) => r.comment !== null && r.score <= 6 && r.touchpoint === 'support')).toBe(true);
    // Without comments only.
    const bare = await feed(site, { has_comment: 'false', limit: '100' });
    expect(bare.rows).toHaveLength(rows.filter((r) => !r.comment).length);
  });

  it("filters by locale, country and device, as a breakdown's row opens its answers", async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const rows = Array.from({ length: 36 }, (_, i) => ({
      score: i % 11,
      at: T0 + i * MINUTE,
      locale: ['fa', 'en-GB', 'ar'][i % 3]!,
      country: ['IR', 'GB', ''][i % 4 % 3]!,
      device: ['mobile', 'desktop'][i % 2]!,
      comment: `c${i}`,
    }));
    await seedResponses(site.site, survey, 'nps', rows);
    const ids = async (query: Record<string, string>) => (await feed(site, { ...query, has_comment: 'true', order: 'desc', limit: '100' })).rows.map((r) => r.comment);
    const want = (keep: (r: (typeof rows)[number]) => boolean) => rows.filter(keep).map((r) => r.comment).reverse();
    expect(await ids({ locale: 'fa' })).toEqual(want((r) => r.locale === 'fa'));
    // The tag as Intl writes it: en-gb is en-GB.
    expect(await ids({ locale: 'en-gb' })).toEqual(want((r) => r.locale === 'en-GB'));
    expect(await ids({ country: 'IR', device: 'mobile' })).toEqual(want((r) => r.country === 'IR' && r.device === 'mobile'));
    for (const [query, path] of [
      [{ locale: 'not a tag' }, 'locale'],
      [{ country: 'iran' }, 'country'],
      [{ device: 'phone' }, 'device'],
    ] as const) {
      const res = await feed(site, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      const { error } = JSON.parse(res.body) as { error: { code: string; issues: { path: string }[] } };
      expect(error.code).toBe('invalid_query');
      expect(error.issues.map((i) => i.path)).toContain(path);
    }
  });

  it('finds comments by text, ignoring case, Arabic and Persian letter variants, tatweel and zero-width non-joiners', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    const comments = [
      'پیک خیلی دیر رسید', // Persian yeh and keheh
      'پيك خيلي دير رسيد', // the same typed on an Arabic keyboard
      'پیـــک دیر رسید', // stretched with tatweel
      'می‌خواستم پیک زودتر برسد', // a zero-width non-joiner in می‌خواستم
      'Late COURIER', // case
      'everything was fine',
    ];
    await seedResponses(site.site, survey, 'csat', comments.map((comment, i) => ({ score: 1 + (i % 5), at: T0 + i * MINUTE, comment })));
    const search = async (q: string) => (await feed(site, { q, limit: '100' })).rows.map((r) => r.comment);
    expect(await search('پیک')).toEqual(comments.slice(0, 4));
    expect(await search('پيك')).toEqual(comments.slice(0, 4));
    expect(await search('میخواستم')).toEqual([comments[3]]);
    expect(await search('courier')).toEqual([comments[4]]);
    expect(await search('  fine ')).toEqual([comments[5]]);
    // Characters that mean something to LIKE are only text here.
    expect(await search('%%')).toEqual([]);
    expect(await search('__')).toEqual([]);
    // The fold is the same function on both sides.
    expect(foldForSearch('پيكـ\u200Cي')).toBe('پیکی');
  });

  it(`reads at most ${SEARCH_SCAN_ROWS} rows a page when searching: a rare word over many comments comes in several short pages, each match once`, async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    const total = 2 * SEARCH_SCAN_ROWS + 500;
    const rare = new Set([1_234, SEARCH_SCAN_ROWS + 17, total - 3]);
    await seedResponses(
      site.site,
      survey,
      'csat',
      Array.from({ length: total }, (_, i) => ({ score: 1 + (i % 5), at: T0 + i * 1000, comment: rare.has(i) ? `the zanzibar courier ${i}` : `fine ${i}` })),
    );
    const found: string[] = [];
    let pages = 0;
    let cursor: string | null = null;
    do {
      const page = await feed(site, { q: 'zanzibar', order: 'desc', limit: '50', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      found.push(...page.rows.map((r) => r.comment!));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 10);
    expect(found).toEqual([...rare].sort((a, b) => b - a).map((i) => `the zanzibar courier ${i}`));
    expect(pages).toBe(3);
  }, 60_000);

  it('refuses bad feed parameters with 400 naming them', async () => {
    const site = await createSite();
    for (const [query, path] of [
      [{ order: 'newest' }, 'order'],
      [{ has_comment: 'yes' }, 'has_comment'],
      [{ min_score: '11' }, 'min_score'],
      [{ max_score: '-1' }, 'max_score'],
      [{ min_score: '7', max_score: '3' }, 'min_score'],
      [{ touchpoint: 'Check Out' }, 'touchpoint'],
      [{ q: '   ' }, 'q'],
      [{ q: 'x'.repeat(201) }, 'q'],
    ] as const) {
      const res = await feed(site, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(JSON.parse(res.body), JSON.stringify(query)).toMatchObject({ error: { code: 'invalid_query', issues: [{ path }] } });
    }
  });
});

describe("the site's journey", () => {
  it('orders touchpoint groups by the journey, then the rest by n, then null; each step shows even when silent', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const journey = ['landing', 'signup', 'checkout', 'delivery', 'support'];
    const res = await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { journey });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ journey });
    const counts: Record<string, number> = { support: 9, checkout: 2, landing: 5, blog: 7, faq: 3, '': 4 };
    const rows = Object.entries(counts).flatMap(([touchpoint, n]) => Array.from({ length: n }, (_, i) => ({ score: i % 11, at: T0 + i * MINUTE, touchpoint })));
    await seedResponses(site.site, survey, 'nps', rows);
    const { body } = await scoresJson(site, { survey, from: '2026-09-01', to: '2026-11-01', group_by: 'touchpoint' });
    expect(body.groups!.map((g) => [g.key, g.n])).toEqual([
      ['landing', 5], ['signup', 0], ['checkout', 2], ['delivery', 0], ['support', 9], ['blog', 7], ['faq', 3], [null, 4],
    ]);
    // The journey is the admin's: its touchpoints are stored as sent even past the site's cap.
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM site_values WHERE site = ? AND dim = 'touchpoint' AND value IN ('signup', 'delivery')").bind(site.site).first<{ n: number }>();
    expect(stored!.n).toBe(2);
  });

  it('refuses a journey that is not a list of distinct slugs, at most 50', async () => {
    const site = await createSite();
    for (const journey of [['Check Out'], ['a', 'a'], Array.from({ length: 51 }, (_, i) => `s${i}`), 'landing']) {
      const res = await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { journey });
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ error: { code: 'invalid_body' } });
    }
    expect(await json(await asAdmin('GET', `/v1/admin/sites/${site.site}`))).toMatchObject({ journey: [] });
  });
});

describe('GET /v1/sites/{site}/meta', () => {
  it("gives a read key the site's name, journey, surveys, and the touchpoints and channels seen in 90 days", async () => {
    const site = await createSite();
    const nps = await createSurvey(site.site, 'nps', { name: 'Checkout NPS' });
    const ces = await createSurvey(site.site, 'ces');
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${ces}`, { active: false });
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { journey: ['checkout', 'support'] });
    const now = Date.now();
    await seedResponses(site.site, nps, 'nps', [
      { score: 9, at: now - 3600_000, touchpoint: 'support' },
      { score: 9, at: now - 7200_000, touchpoint: 'support' },
      { score: 4, at: now - 7200_000, touchpoint: 'checkout' },
      // Older than 90 days: not "seen".
      { score: 4, at: now - 100 * 86_400_000, touchpoint: 'old-page' },
    ]);
    expect((await postJson('/v1/events', { site: site.site, survey: nps, type: 'shown', touchpoint: 'landing' })).status).toBe(204);
    expect((await postResponse({ site: site.site, survey: nps, score: 10, touchpoint: 'landing' })).status).toBe(201);

    const meta = async () => {
      const res = await call(`/v1/sites/${site.site}/meta`, { headers: { authorization: `Bearer ${site.readKey}` } });
      expect(res.status).toBe(200);
      return json<Record<string, unknown>>(res);
    };
    const { eventually } = await import('./helpers');
    await eventually(async () => {
      expect(await meta()).toEqual({
        site: site.site,
        name: 'Test shop',
        journey: ['checkout', 'support'],
        touchpoint_labels: {},
        surveys: [
          { id: nps, kind: 'nps', name: 'Checkout NPS', active: true, reasons: [] },
          { id: ces, kind: 'ces', name: null, active: false, reasons: [] },
        ],
        touchpoints: ['landing', 'support', 'checkout'],
        channels: ['web'],
      });
    });
    // Another site's key may not read it.
    const other = await createSite();
    const res = await call(`/v1/sites/${site.site}/meta`, { headers: { authorization: `Bearer ${other.readKey}` } });
    expect(res.status).toBe(403);
  });
});
