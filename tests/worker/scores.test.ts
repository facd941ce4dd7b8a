import { describe, expect, it } from 'vitest';
import { asAdmin, call, createSite, createSurvey, eventually, json, postJson, postResponse, scores, scoresJson, seedResponses } from './helpers';

const DAY = 86_400_000;

describe('GET /v1/sites/{site}/scores', () => {
  it('NPS total from posted answers, with the contract fields', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    for (const score of [10, 10, 9, 8, 7, 6, 0, 10, 3, 9]) {
      expect((await postResponse({ site: site.site, survey, score })).status).toBe(201);
    }
    const { body } = await scoresJson(site, { kind: 'nps' });
    expect(body).toMatchObject({ site: site.site, kind: 'nps', tz: 'UTC' });
    // P = 5, passives = 2, D = 3 of 10: NPS 20.
    expect(body.total).toMatchObject({ n: 10, score: 20, promoters: 5, passives: 2, detractors: 3, shown: 0, dismissed: 0, response_rate: null });
    expect(body.total.distribution).toEqual([1, 0, 0, 1, 0, 0, 1, 1, 1, 2, 3]);
    expect(body.total.ci95![0]).toBeLessThan(20);
    expect(body.total.ci95![1]).toBeGreaterThan(20);
    expect(body.series).toBeUndefined();
    expect(body.groups).toBeUndefined();
    // Default range: 30 local days ending at the next midnight.
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(30 * DAY);
  });

  it('CSAT and CES totals carry their own fields', async () => {
    const site = await createSite();
    const csat = await createSurvey(site.site, 'csat');
    const ces = await createSurvey(site.site, 'ces');
    for (const score of [5, 4, 2]) await postResponse({ site: site.site, survey: csat, score });
    for (const score of [5, 5, 6]) await postResponse({ site: site.site, survey: ces, score });
    const c = (await scoresJson(site, { kind: 'csat' })).body.total;
    expect(c).toMatchObject({ n: 3, satisfied: 2, distribution: [0, 1, 0, 1, 1] });
    expect(c.score).toBeCloseTo(66.66666666666667, 10);
    expect(c.ci95![0]).toBeCloseTo(20.765495512648787, 8);
    const e = (await scoresJson(site, { survey: ces })).body;
    expect(e).toMatchObject({ kind: 'ces', survey: ces });
    expect(e.total).toMatchObject({ n: 3, agree: 3 });
    expect(e.total.mean).toBeCloseTo(5.333333333333333, 10);
    expect(e.total.ci95![0]).toBeCloseTo(3.8991157567501786, 8);
  });

  it('a kind with no answers has n = 0 and null score and interval', async () => {
    const site = await createSite();
    const { body } = await scoresJson(site, { kind: 'ces' });
    expect(body.total).toMatchObject({ n: 0, score: null, ci95: null, mean: null, agree: 0, distribution: [0, 0, 0, 0, 0, 0, 0] });
  });

  it('sums every survey of the kind, paused ones included, and only that kind', async () => {
    const site = await createSite();
    const a = await createSurvey(site.site, 'nps');
    const b = await createSurvey(site.site, 'nps');
    const other = await createSurvey(site.site, 'csat');
    await postResponse({ site: site.site, survey: a, score: 10 });
    await postResponse({ site: site.site, survey: b, score: 0 });
    await postResponse({ site: site.site, survey: other, score: 5 });
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${b}`, { active: false });
    expect((await scoresJson(site, { kind: 'nps' })).body.total).toMatchObject({ n: 2, score: 0 });
    expect((await scoresJson(site, { survey: a })).body.total).toMatchObject({ n: 1, score: 100 });
  });

  it('filters by touchpoint and groups by touchpoint, locale, country and device', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const now = Date.now();
    await seedResponses(site.site, survey, 'nps', [
      { score: 10, at: now, touchpoint: 'checkout', locale: 'fa', country: 'IR', device: 'mobile' },
      { score: 9, at: now, touchpoint: 'checkout', locale: 'en', country: 'DE', device: 'desktop' },
      { score: 2, at: now, touchpoint: 'checkout', locale: 'fa', country: 'IR', device: 'desktop' },
      { score: 0, at: now, touchpoint: 'support', locale: 'ar', country: 'EG', device: 'mobile' },
      { score: 8, at: now, touchpoint: '', locale: '', country: '', device: 'tablet' },
    ]);
    for (let i = 0; i < 6; i++) await postJson('/v1/events', { site: site.site, survey, type: 'shown', touchpoint: 'checkout', locale: 'fa' });

    const checkout = await eventually(async () => {
      const { body } = await scoresJson(site, { kind: 'nps', touchpoint: 'checkout' });
      expect(body.total).toMatchObject({ n: 3, promoters: 2, detractors: 1, shown: 6, response_rate: 0.5 });
      return body;
    });
    expect(checkout.total.dismissed).toBe(0);

    const byTouchpoint = (await scoresJson(site, { kind: 'nps', group_by: 'touchpoint' })).body;
    expect(byTouchpoint.total.n).toBe(5);
    expect(byTouchpoint.groups!.map((g) => [g.key, g.n, g.shown])).toEqual([['checkout', 3, 6], ['support', 1, 0], [null, 1, 0]]);

    const byLocale = (await scoresJson(site, { kind: 'nps', group_by: 'locale' })).body;
    expect(byLocale.total).toMatchObject({ n: 5, shown: 6 });
    expect(byLocale.groups!.map((g) => [g.key, g.n])).toEqual([['fa', 2], ['ar', 1], ['en', 1], [null, 1]]);
    expect(byLocale.groups!.find((g) => g.key === 'fa')).toMatchObject({ promoters: 1, detractors: 1, score: 0, shown: 6 });

    const byDeviceAtCheckout = (await scoresJson(site, { kind: 'nps', group_by: 'device', touchpoint: 'checkout' })).body;
    // The 'shown' events came from a client without a User-Agent: a group with exposure and no answers.
    expect(byDeviceAtCheckout.groups!.map((g) => [g.key, g.n, g.shown])).toEqual([['desktop', 2, 0], ['mobile', 1, 0], ['bot', 0, 6]]);

    const byCountry = (await scoresJson(site, { kind: 'nps', group_by: 'country' })).body;
    const sum = byCountry.groups!.reduce((s, g) => s + g.n, 0);
    expect(sum).toBe(byCountry.total.n);
    // Every group carries the same fields as the total.
    for (const g of byCountry.groups!) expect(Object.keys(g).sort()).toEqual([...Object.keys(byCountry.total), 'key'].sort());
  });

  it('respects from (inclusive) and to (exclusive)', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    const t = Date.parse('2026-03-10T12:00:00Z');
    await seedResponses(site.site, survey, 'csat', [
      { score: 5, at: t - 1 },
      { score: 4, at: t },
      { score: 1, at: t + 15 * 60_000 - 1 },
      { score: 2, at: t + 15 * 60_000 },
    ]);
    const { body } = await scoresJson(site, { kind: 'csat', from: '2026-03-10T12:00:00Z', to: '2026-03-10T12:15:00Z' });
    expect(body.total.distribution).toEqual([1, 0, 0, 1, 0]);
    expect(body).toMatchObject({ from: '2026-03-10T12:00:00Z', to: '2026-03-10T12:15:00Z' });
  });
});

describe('scores authentication and bad queries', () => {
  it('needs a read key: 401 without, 403 for another site', async () => {
    const site = await createSite();
    expect((await call(`/v1/sites/${site.site}/scores?kind=nps`)).status).toBe(401);
    const other = await createSite();
    expect((await scores({ ...site, readKey: other.readKey }, { kind: 'nps' })).status).toBe(403);
  });

  it('the admin token reads any site', async () => {
    const site = await createSite();
    expect((await asAdmin('GET', `/v1/sites/${site.site}/scores?kind=nps`)).status).toBe(200);
    expect((await asAdmin('GET', `/v1/sites/nosuchsite/scores?kind=nps`)).status).toBe(404);
  });

  const bad: [string, Record<string, string>][] = [
    ['kind', {}],
    ['kind', { kind: 'stars' }],
    ['interval', { kind: 'nps', interval: 'year' }],
    ['group_by', { kind: 'nps', group_by: 'page' }],
    ['tz', { kind: 'nps', tz: 'Mars/Olympus_Mons' }],
    ['tz', { kind: 'nps', tz: '' }],
    ['from', { kind: 'nps', from: '2026-13-01' }],
    ['from', { kind: 'nps', from: '2026-02-30' }],
    ['from', { kind: 'nps', from: 'yesterday' }],
    ['to', { kind: 'nps', to: '2026-11-01T25:00:00Z' }],
    ['from', { kind: 'nps', from: '2026-11-02', to: '2026-11-01' }],
    ['from', { kind: 'nps', from: '2026-11-01', to: '2026-11-01' }],
    ['to', { kind: 'nps', from: '2020-01-01', to: '2026-01-01' }],
    ['interval', { kind: 'nps', interval: 'hour', from: '2024-01-01', to: '2026-01-01' }],
    ['touchpoint', { kind: 'nps', touchpoint: 'Check Out' }],
    ['compare', { kind: 'nps', compare: 'last-year' }],
    ['channel', { kind: 'nps', channel: 'fax' }],
    ['group_by', { kind: 'nps', group_by: 'medium' }],
    ['survey', { survey: '../etc' }],
    ['kidn', { kind: 'nps', kidn: 'nps' }],
  ];
  for (const [parameter, query] of bad) {
    it(`400 invalid_query naming ${parameter}: ${JSON.stringify(query)}`, async () => {
      const site = await createSite();
      const res = await scores(site, query);
      expect(res.status).toBe(400);
      const body = await json<{ error: { code: string; message: string; issues: { path: string }[] } }>(res);
      expect(body.error.code).toBe('invalid_query');
      expect(body.error.issues.map((i) => i.path)).toContain(parameter);
      expect(body.error.message).toContain(parameter);
    });
  }

  it('unknown survey: 404; kind that contradicts the survey: 400', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    expect((await scores(site, { survey: 'sv_nope' })).status).toBe(404);
    expect((await scores(site, { survey, kind: 'nps' })).status).toBe(400);
  });
});
