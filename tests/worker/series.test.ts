/** Time series in any zone, read from rollups at a cost independent of volume. */
import { describe, expect, it } from 'vitest';
import { createSite, createSurvey, scoresJson, seedResponses, type SeedRow } from './helpers';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function siteWith(kind: 'nps' | 'csat' | 'ces', rows: SeedRow[]) {
  const site = await createSite();
  const survey = await createSurvey(site.site, kind);
  await seedResponses(site.site, survey, kind, rows);
  return { site, survey };
}

describe('series by local day', () => {
  const zones: [string, string][] = [
    ['Asia/Tehran', '20:30'],
    ['Asia/Kolkata', '18:30'],
    ['Asia/Kathmandu', '18:15'],
  ];
  for (const [tz, utcMidnight] of zones) {
    it(`${tz}: buckets start at local midnight (${utcMidnight} UTC) and answers fall on the right side`, async () => {
      const midnight = at(`2026-11-01T${utcMidnight}:00Z`); // local midnight starting 2 Nov
      const { site } = await siteWith('nps', [
        { score: 10, at: midnight - 1 }, // last millisecond of 1 Nov, local
        { score: 0, at: midnight }, // first of 2 Nov
        { score: 9, at: midnight + 15 * 60_000 - 1 },
        { score: 5, at: midnight + DAY - 1 },
        { score: 8, at: midnight + DAY }, // 3 Nov
      ]);
      const { body } = await scoresJson(site, { kind: 'nps', interval: 'day', tz, from: '2026-11-01', to: '2026-11-04' });
      expect(body.series!.map((b) => b.start)).toEqual([
        new Date(midnight - DAY).toISOString().replace('.000', ''),
        new Date(midnight).toISOString().replace('.000', ''),
        new Date(midnight + DAY).toISOString().replace('.000', ''),
      ]);
      expect(body.series!.map((b) => b.n)).toEqual([1, 3, 1]);
      expect(body.series![1]!.distribution).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0]);
      expect(body.total.n).toBe(5);
    });
  }

  it('America/New_York: the spring day has 23 hours of answers, the autumn day 25', async () => {
    const hourly = (fromIso: string, hours: number): SeedRow[] =>
      Array.from({ length: hours }, (_, i) => ({ score: 4, at: at(fromIso) + i * HOUR + 30 * 60_000 }));
    const { site } = await siteWith('csat', [...hourly('2026-03-08T05:00:00Z', 23), ...hourly('2026-11-01T04:00:00Z', 25)]);
    const spring = (await scoresJson(site, { kind: 'csat', interval: 'day', tz: 'America/New_York', from: '2026-03-07', to: '2026-03-10' })).body;
    expect(spring.series!.map((b) => [b.start, b.n])).toEqual([
      ['2026-03-07T05:00:00Z', 0],
      ['2026-03-08T05:00:00Z', 23],
      ['2026-03-09T04:00:00Z', 0],
    ]);
    const autumn = (await scoresJson(site, { kind: 'csat', interval: 'day', tz: 'America/New_York', from: '2026-10-31', to: '2026-11-03' })).body;
    expect(autumn.series!.map((b) => [b.start, b.n])).toEqual([
      ['2026-10-31T04:00:00Z', 0],
      ['2026-11-01T04:00:00Z', 25],
      ['2026-11-02T05:00:00Z', 0],
    ]);
    const hours = (await scoresJson(site, { kind: 'csat', interval: 'hour', tz: 'America/New_York', from: '2026-11-01', to: '2026-11-02' })).body;
    expect(hours.series).toHaveLength(25);
    expect(hours.series!.every((b) => b.n === 1)).toBe(true);
  });

  it('weeks (Monday) and months in a zone; series sum to the total', async () => {
    const rows: SeedRow[] = Array.from({ length: 120 }, (_, i) => ({ score: 1 + (i % 7), at: at('2026-01-01T00:00:00Z') + i * 19 * HOUR }));
    const { site } = await siteWith('ces', rows);
    for (const interval of ['hour', 'day', 'week', 'month']) {
      const { body } = await scoresJson(site, { kind: 'ces', interval, tz: 'Asia/Tehran', from: '2026-01-01', to: '2026-04-01' });
      const sum = body.series!.reduce((s, b) => s + b.n, 0);
      expect(sum, interval).toBe(body.total.n);
      const distribution = body.series!.reduce((acc, b) => acc.map((v, i) => v + b.distribution[i]!), [0, 0, 0, 0, 0, 0, 0]);
      expect(distribution, interval).toEqual(body.total.distribution);
    }
    const weeks = (await scoresJson(site, { kind: 'ces', interval: 'week', tz: 'Asia/Tehran', from: '2026-01-05', to: '2026-01-26' })).body;
    expect(weeks.series!.map((b) => b.start)).toEqual(['2026-01-04T20:30:00Z', '2026-01-11T20:30:00Z', '2026-01-18T20:30:00Z']);
  });

  it('every bucket carries the same fields as the total, plus its start and label; empty buckets have null score', async () => {
    const { site } = await siteWith('nps', [{ score: 9, at: at('2026-06-02T10:00:00Z') }]);
    const { body } = await scoresJson(site, { kind: 'nps', interval: 'day', from: '2026-06-01', to: '2026-06-04' });
    for (const bucket of body.series!) expect(Object.keys(bucket).sort()).toEqual([...Object.keys(body.total), 'start', 'label'].sort());
    expect(body.series![0]).toMatchObject({ n: 0, score: null, ci95: null });
    expect(body.series![1]).toMatchObject({ n: 1, score: 100 });
  });
});

/** Seeded answers that fall outside 2025 in Tehran time (before 20:30 UTC on 31 Dec 2024, or after on 31 Dec 2025). */
function tehranOutside(rows: SeedRow[]): number {
  const from = at('2024-12-31T20:30:00Z');
  const to = at('2025-12-31T20:30:00Z');
  return rows.filter((r) => r.at < from || r.at >= to).length;
}

describe('cost: rows read depend on buckets and groups, not on responses', () => {
  /** `count` responses spread over the last 30 days, at least one in every day. */
  function lastThirtyDays(count: number): SeedRow[] {
    const today = Math.floor(Date.now() / DAY) * DAY;
    return Array.from({ length: count }, (_, i) => ({ score: i % 11, at: today - (i % 30) * DAY + ((i * 7919) % DAY) }));
  }

  it('a default scores query reads as many rows at 10,000 responses as at 100', async () => {
    const small = await siteWith('nps', lastThirtyDays(100));
    const large = await siteWith('nps', lastThirtyDays(10_000));
    const a = await scoresJson(small.site, { kind: 'nps' });
    const b = await scoresJson(large.site, { kind: 'nps' });
    expect(a.body.total.n).toBe(100);
    expect(b.body.total.n).toBe(10_000);
    expect(b.rowsRead).toBeGreaterThan(0);
    expect(b.rowsRead).toBe(a.rowsRead);
    // 30 UTC days: one day row each, whatever the volume (plus the handful
    // of rows D1 counts for the query's two JSON parameter lists).
    expect(b.rowsRead).toBeLessThanOrEqual(30 + 5);
  });

  it('a one-year daily series reads as many rows at 50,000 responses as at 1,000', async () => {
    const start = at('2025-01-01T00:00:00Z');
    /** Every local day of the year gets answers, spread over the hours. */
    const year = (count: number): SeedRow[] =>
      Array.from({ length: count }, (_, i) => ({ score: i % 11, at: start + (i % 365) * DAY + ((i * 3_600_007) % DAY) }));
    const small = await siteWith('nps', year(1_000));
    const large = await siteWith('nps', year(50_000));
    const query = { kind: 'nps', interval: 'day', from: '2025-01-01', to: '2026-01-01' };
    const a = await scoresJson(small.site, query);
    const b = await scoresJson(large.site, query);
    expect(b.body.series).toHaveLength(365);
    expect(b.body.total.n).toBe(50_000);
    expect(b.rowsRead).toBe(a.rowsRead);
    expect(b.rowsRead).toBeLessThanOrEqual(365 + 5);

    // In a +03:30 zone a local day is a UTC day row plus and minus the five
    // rows between 20:30 and midnight UTC at its edges: bounded by the buckets.
    // (D1 also counts each element of the query's JSON range list, two per edge.)
    const tehran = await scoresJson(large.site, { ...query, tz: 'Asia/Tehran' });
    expect(tehran.body.series).toHaveLength(365);
    expect(tehran.body.total.n).toBe(50_000 - tehranOutside(year(50_000)));
    expect(tehran.rowsRead).toBeLessThanOrEqual(365 + 366 * (5 + 2) + 5);
  }, 60_000);
});

describe('compare=previous', () => {
  it('adds the equally long period just before, with a change and its p-value, to the total and each group', async () => {
    const current = Date.parse('2026-10-10T12:00:00Z');
    const previous = Date.parse('2026-09-10T12:00:00Z');
    const rows: SeedRow[] = [
      ...Array.from({ length: 100 }, (_, i) => ({ score: i < 60 ? 10 : i < 85 ? 8 : 3, at: current + i * 60_000, touchpoint: 'checkout' })),
      ...Array.from({ length: 100 }, (_, i) => ({ score: i < 45 ? 9 : i < 75 ? 7 : 0, at: previous + i * 60_000, touchpoint: 'checkout' })),
      { score: 10, at: current, touchpoint: 'support' },
    ];
    const { site } = await siteWith('nps', rows);
    const { body } = await scoresJson<Record<string, any>>(site, { kind: 'nps', from: '2026-10-01', to: '2026-11-01', compare: 'previous', group_by: 'touchpoint' });
    expect(body.previous_period).toEqual({ from: '2026-08-31T00:00:00Z', to: '2026-10-01T00:00:00Z' });
    expect(body.total.n).toBe(101);
    expect(body.total.previous).toMatchObject({ n: 100, promoters: 45, detractors: 25 });
    const checkout = body.groups.find((g: { key: string }) => g.key === 'checkout');
    expect(checkout.previous).toMatchObject({ n: 100, score: 20 });
    // Same histograms as the unit test worked in Python: +25 points, p = 0.0229…
    expect(checkout.change.score).toBeCloseTo(25, 10);
    expect(checkout.change.p_value).toBeCloseTo(0.0229012046104569, 10);
    const support = body.groups.find((g: { key: string }) => g.key === 'support');
    expect(support.previous).toMatchObject({ n: 0, score: null });
    expect(support.change).toEqual({ score: null, p_value: null, method: 'nps-multinomial-z' });
  });
});
