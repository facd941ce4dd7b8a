/**
 * `GET /v1/sites/{site}/themes` (docs/contract.md §14) in workerd with a real
 * D1: the terms of the low band and of the rest with their counts, spellings,
 * scores and examples, the filters, bad input, text in any script, and a
 * property: the order comments were stored in and a survey's name change no
 * number. The z formula itself is tested against independent values in
 * tests/unit/log-odds.test.ts.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logOddsZ } from '../../shared/log-odds';
import { emptyHistogram, nps } from '../../shared/metrics';
import type { ThemesResult } from '../../shared/schemas/themes';
import { termsOf } from '../../shared/text/words';
import { asAdmin, call, createSite, createSurvey, json, seedResponses, type SeedRow, type TestSite } from './helpers';
import { runs } from './probe';
import { THEMES_READ_CHARACTERS } from '../../worker/routes/themes';

const T0 = Date.parse('2026-10-01T00:00:00Z');
const MINUTE = 60_000;
const RANGE = { from: '2026-09-01', to: '2026-11-01' };

async function themes(site: TestSite, query: Record<string, string>): Promise<{ status: number; body: ThemesResult; rowsRead: number }> {
  const res = await call(`/v1/sites/${site.site}/themes?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${site.readKey}` } });
  return { status: res.status, body: await json<ThemesResult>(res), rowsRead: Number(res.headers.get('x-rows-read')) };
}

/** Detractors on support (three spellings), promoters on fast shipping, passives on the product. */
function shopComments(): SeedRow[] {
  const rows: Omit<SeedRow, 'at'>[] = [
    ...Array.from({ length: 20 }, (_, i) => ({ score: i % 7, comment: 'پشتیبانی جواب نداد' })),
    ...Array.from({ length: 12 }, (_, i) => ({ score: i % 7, comment: 'پشتيباني جواب نداد' })),
    ...Array.from({ length: 8 }, (_, i) => ({ score: i % 7, comment: 'پشتیبانی‌ها کند هستند' })),
    ...Array.from({ length: 35 }, (_, i) => ({ score: 9 + (i % 2), comment: 'ارسال سریع بود' })),
    ...Array.from({ length: 5 }, () => ({ score: 10, comment: 'پشتیبانی خوب بود' })),
    ...Array.from({ length: 20 }, (_, i) => ({ score: 7 + (i % 2), comment: 'محصول معمولی بود' })),
  ];
  // Interleaved in time, so that no side is all newest.
  return rows.map((r, i) => ({ ...r, at: T0 + ((i * 37) % rows.length) * MINUTE }));
}

describe('GET /v1/sites/{site}/themes', () => {
  it('lists what the low band says more than the rest, with counts, spellings (most used first), score and newest examples', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const rows = shopComments();
    await seedResponses(site.site, survey, 'nps', rows);
    const { status, body } = await themes(site, { kind: 'nps', ...RANGE });
    expect(status).toBe(200);
    expect(body).toMatchObject({ site: site.site, kind: 'nps', side: 'low', comments: 100, low: 40, rest: 60, partial: false });

    const support = body.terms.find((t) => t.term === 'پشتیبانی')!;
    expect(support).toMatchObject({ forms: ['پشتیبانی', 'پشتيباني', 'پشتیبانی‌ها'], count: 45, low: 40, rest: 5 });
    // The groups' totals: every term once per comment.
    const totals = { low: 0, rest: 0 };
    for (const r of rows) totals[r.score <= 6 ? 'low' : 'rest'] += termsOf(r.comment!).size;
    expect(support.z).toBeCloseTo(logOddsZ({ low: 40, rest: 5 }, totals), 10);
    expect(support.z).toBeGreaterThanOrEqual(1.96);
    // The score of the answers whose comment holds the term, by the scores' own code.
    const holding = rows.filter((r) => termsOf(r.comment!).has('پشتیبانی'));
    const hist = emptyHistogram();
    for (const r of holding) hist[r.score]!++;
    expect(support.score).toEqual(nps(hist));
    // Examples: the newest three holding it.
    const { results } = await env.DB.prepare('SELECT id, comment FROM responses WHERE site = ? ORDER BY created_at DESC, id DESC').bind(site.site).all<{ id: string; comment: string }>();
    expect(support.examples).toEqual(results.filter((r) => termsOf(r.comment).has('پشتیبانی')).slice(0, 3).map((r) => r.id));

    // Strongest first, all beyond 1.96, no promoter's word.
    const zs = body.terms.map((t) => t.z);
    expect(zs).toEqual([...zs].sort((a, b) => b - a));
    expect(body.terms.every((t) => t.z >= 1.96 && t.count >= 5)).toBe(true);
    expect(body.terms.map((t) => t.term)).toEqual(expect.arrayContaining(['جواب', 'جواب نداد']));
    expect(body.terms.map((t) => t.term)).not.toContain('سریع');
  });

  it('side=high lists what the rest says more (the praise), weakest z first; limit cuts the list', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    await seedResponses(site.site, survey, 'nps', shopComments());
    const { body } = await themes(site, { survey, ...RANGE, side: 'high' });
    expect(body.terms.map((t) => t.term)).toEqual(expect.arrayContaining(['ارسال', 'سریع', 'ارسال سریع']));
    expect(body.terms.every((t) => t.z <= -1.96)).toBe(true);
    const zs = body.terms.map((t) => t.z);
    expect(zs).toEqual([...zs].sort((a, b) => a - b));
    const one = await themes(site, { survey, ...RANGE, side: 'high', limit: '1' });
    expect(one.body.terms).toEqual(body.terms.slice(0, 1));
  });

  it('needs a term in 5 comments: 4 of 4 in the low band is no theme', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    const rows = [
      ...Array.from({ length: 4 }, (_, i) => ({ score: 1, at: T0 + i * MINUTE, comment: 'refund refused' })),
      ...Array.from({ length: 30 }, (_, i) => ({ score: 5, at: T0 + (10 + i) * MINUTE, comment: 'lovely shop' })),
      ...Array.from({ length: 30 }, (_, i) => ({ score: 2, at: T0 + (50 + i) * MINUTE, comment: 'broken zipper' })),
    ];
    await seedResponses(site.site, survey, 'csat', rows);
    const { body } = await themes(site, { kind: 'csat', ...RANGE });
    expect(body.terms.map((t) => t.term)).not.toContain('refund');
    expect(body.terms.map((t) => t.term)).toContain('zipper');
  });

  it('filters by survey or kind, range, touchpoint, channel and locale', async () => {
    const site = await createSite();
    const a = await createSurvey(site.site, 'nps');
    const b = await createSurvey(site.site, 'nps');
    const c = await createSurvey(site.site, 'csat');
    const base = { comment: 'slow courier' };
    await seedResponses(site.site, a, 'nps', [
      { ...base, score: 1, at: T0, touchpoint: 'checkout', locale: 'fa', channel: 'web' },
      { ...base, score: 2, at: T0 + MINUTE, touchpoint: 'support', locale: 'en', channel: 'email' },
      { ...base, score: 3, at: Date.parse('2026-12-15T00:00:00Z'), touchpoint: 'checkout' },
      { score: 3, at: T0 + 2 * MINUTE }, // no comment
    ]);
    await seedResponses(site.site, b, 'nps', [{ ...base, score: 9, at: T0 + 3 * MINUTE, touchpoint: 'checkout', locale: 'fa' }]);
    await seedResponses(site.site, c, 'csat', [{ ...base, score: 1, at: T0 + 4 * MINUTE }]);
    const count = async (query: Record<string, string>) => (await themes(site, { ...RANGE, ...query })).body.comments;
    expect(await count({ kind: 'nps' })).toBe(3);
    expect(await count({ survey: a })).toBe(2);
    expect(await count({ kind: 'csat' })).toBe(1);
    expect(await count({ kind: 'nps', touchpoint: 'checkout' })).toBe(2);
    expect(await count({ kind: 'nps', channel: 'email' })).toBe(1);
    expect(await count({ kind: 'nps', locale: 'fa' })).toBe(2);
    expect(await count({ survey: a, from: '2026-12-01', to: '2027-01-01' })).toBe(1);
    const { body } = await themes(site, { kind: 'nps', ...RANGE });
    expect(body).toMatchObject({ low: 2, rest: 1 });
  });

  it('counts a comment of 2,000 emoji, one of stop words only, and comments in Chinese and Hebrew without error', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const odd = ['😡'.repeat(2000), 'و از به که the of', '快递很慢，客服很好', 'המשלוח איחר מאוד', '   ', '٫؟!'];
    await seedResponses(site.site, survey, 'nps', odd.map((comment, i) => ({ score: i % 11, at: T0 + i * MINUTE, comment })));
    for (const side of ['low', 'high']) {
      const { status, body } = await themes(site, { kind: 'nps', ...RANGE, side });
      expect(status).toBe(200);
      expect(body.comments).toBe(odd.length);
      expect(body.terms).toEqual([]);
    }
  });

  it('reads at most THEMES_READ_CHARACTERS of comments, not only rows: long comments end the reading early, newest first, and say partial', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    // Comments of 2,000 characters (the most a comment holds), each of a few hundred distinct two-letter words.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const long = (i: number) => Array.from({ length: 667 }, (_, w) => letters[(i + w) % 26]! + letters[(i * 7 + w * 3) % 26]!).join(' ').padEnd(2000, '.').slice(0, 2000);
    const fit = THEMES_READ_CHARACTERS / 2000;
    const rows = Array.from({ length: fit + 100 }, (_, i) => ({ score: i % 11, at: T0 + i * 1000, comment: long(i) }));
    for (let i = 0; i < rows.length; i += 500) await seedResponses(site.site, survey, 'nps', rows.slice(i, i + 500));
    const { status, body } = await themes(site, { kind: 'nps', ...RANGE });
    expect(status).toBe(200);
    expect(body).toMatchObject({ comments: fit, partial: true });
  }, 120_000);

  it('refuses bad parameters with 400 naming them, and another site’s data with 400 or 403', async () => {
    const site = await createSite();
    const other = await createSite();
    const otherSurvey = await createSurvey(other.site, 'nps');
    for (const [query, path] of [
      [{ kind: 'nps', side: 'middle' }, 'side'],
      [{ kind: 'nps', limit: '0' }, 'limit'],
      [{ kind: 'nps', limit: '101' }, 'limit'],
      [{ kind: 'nps', limit: 'ten' }, 'limit'],
      [{ kind: 'nps', from: '2026-10-02', to: '2026-10-01' }, 'from'],
      [{ kind: 'nps', from: '2026-02-30' }, 'from'],
      [{ kind: 'nps', tz: 'Mars/Olympus' }, 'tz'],
      [{ kind: 'nps', locale: 'not a locale' }, 'locale'],
      [{ kind: 'nps', touchpoint: 'Check Out' }, 'touchpoint'],
      [{ kind: 'nps', channel: 'fax' }, 'channel'],
      [{}, 'kind'],
      [{ survey: otherSurvey }, 'survey'],
      [{ kind: 'nps', q: 'x' }, 'q'],
    ] as const) {
      const res = await themes(site, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      const error = (res.body as unknown as { error: { code: string; issues: { path: string }[] } }).error;
      expect(error.code, JSON.stringify(query)).toBe('invalid_query');
      expect(new Set(error.issues.map((i) => i.path)), JSON.stringify(query)).toEqual(new Set([path]));
    }
    const res = await call(`/v1/sites/${other.site}/themes?kind=nps`, { headers: { authorization: `Bearer ${site.readKey}` } });
    expect(res.status).toBe(403);
    expect((await call(`/v1/sites/${site.site}/themes?kind=nps`)).status).toBe(401);
  });

  it('gives the same numbers whatever order the comments were stored in, and whatever the survey is called', async () => {
    const words = ['پیک', 'دیر', 'پشتیبانی', 'قیمت', 'الدعم', 'late', 'refund', 'سریع', 'خوب', 'great'];
    const comment = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
    const answer = fc.record({ score: fc.integer({ min: 0, max: 10 }), comment });
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 20, maxLength: 60 }), fc.integer(), async (answers, seed) => {
        const rows = answers.map((a, i) => ({ ...a, at: T0 + i * MINUTE }));
        const shuffled = fc.sample(fc.shuffledSubarray(rows, { minLength: rows.length }), { numRuns: 1, seed })[0]!;
        const answersOf = async (stored: SeedRow[], rename: boolean) => {
          const site = await createSite();
          const survey = await createSurvey(site.site, 'nps', { name: 'Checkout' });
          if (rename) expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${survey}`, { name: 'Renamed' })).status).toBe(200);
          await seedResponses(site.site, survey, 'nps', stored);
          const byId = new Map((await env.DB.prepare('SELECT id, created_at FROM responses WHERE site = ?').bind(site.site).all<{ id: string; created_at: number }>()).results.map((r) => [r.id, r.created_at]));
          const sides = await Promise.all(['low', 'high'].map(async (side) => (await themes(site, { survey, ...RANGE, side, limit: '100' })).body));
          // Examples as the times of their answers: ids differ from site to site.
          return sides.map(({ comments, low, rest, terms }) => ({ comments, low, rest, terms: terms.map((t) => ({ ...t, examples: t.examples.map((id) => byId.get(id)) })) }));
        };
        expect(await answersOf(shuffled, true)).toEqual(await answersOf(rows, false));
      }),
      runs(8),
    );
  }, 120_000);
});

describe('the feed and the export take theme=TERM', () => {
  it('matches every spelling of the term, and not the term inside a longer word', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const comments = [
      'پشتیبانی جواب نداد', // 0
      'پشتيباني جواب نداد', // 1: Arabic yeh
      'پشتیبانی‌ها کند هستند', // 2: plural after a half-space
      'پشتیبانیها کند', // 3: plural without it
      'پشتیبانیکننده نبود', // 4: the letters inside another word
      'الدعم ممتاز', // 5
      'والدعم سريع', // 6
      'دعمكم رائع', // 7: another word
      'بدون پشتـیبانی!', // 8: tatweel
    ];
    await seedResponses(site.site, survey, 'nps', comments.map((comment, i) => ({ score: i % 11, at: T0 + i * MINUTE, comment })));
    const feed = async (query: Record<string, string>) => {
      const res = await call(`/v1/sites/${site.site}/responses?${new URLSearchParams({ order: 'asc', ...query })}`, { headers: { authorization: `Bearer ${site.readKey}` } });
      expect(res.status, JSON.stringify(query)).toBe(200);
      return new TextDecoder().decode(await res.arrayBuffer());
    };
    const ndjson = async (query: Record<string, string>) => (await feed(query)).split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { comment: string }).comment);
    expect(await ndjson({ theme: 'پشتیبانی' })).toEqual([0, 1, 2, 3, 8].map((i) => comments[i]));
    expect(await ndjson({ theme: 'پشتيباني‌ها' })).toEqual([0, 1, 2, 3, 8].map((i) => comments[i]));
    expect(await ndjson({ theme: 'دعم' })).toEqual([5, 6].map((i) => comments[i]));
    expect(await ndjson({ theme: 'جواب نداد' })).toEqual([0, 1].map((i) => comments[i]));
    // Pages of one: the cursor walks the matches only, each once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(`/v1/sites/${site.site}/responses?${new URLSearchParams({ theme: 'پشتیبانی', limit: '1', ...(cursor ? { cursor } : {}) })}`, { headers: { authorization: `Bearer ${site.readKey}` } });
      const body = new TextDecoder().decode(await res.arrayBuffer());
      seen.push(...body.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { comment: string }).comment));
      const link = res.headers.get('link');
      cursor = link ? new URL(/<([^>]+)>/.exec(link)![1]!).searchParams.get('cursor') : null;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 8].map((i) => comments[i]));
    // The export (CSV) filters the same way.
    const csv = await feed({ theme: 'دعم', format: 'csv' });
    expect(csv.trim().split('\n')).toHaveLength(1 + 2);
  });

  it('refuses a theme that is no term', async () => {
    const site = await createSite();
    for (const theme of ['و', 'the', 'one two three', '😡']) {
      const res = await call(`/v1/sites/${site.site}/responses?${new URLSearchParams({ theme })}`, { headers: { authorization: `Bearer ${site.readKey}` } });
      expect(res.status, theme).toBe(400);
      expect(await json(res)).toMatchObject({ error: { code: 'invalid_query', issues: [{ path: 'theme' }] } });
    }
  });
});
